// Electron flips a checkbox and moves a radio's check on click, before the app hears of it. The adapter must
// put the menu back to the state's truth when the command is refused, and a click on the checked radio is a no-op.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import type { Device } from '../../shared/state/now-playing';
import { laptop, playingTrack } from '../shell/testing/fake-playback';
import { appStateFixture } from '../testing/app-state-fixture';
import type { ElectronDouble } from '../testing/electron-double/index';
import { menuRows, type MenuDouble, type MenuItemDouble, type MenuRow } from '../testing/electron-double/menu';
import type { TrayAction } from '../tray/tray-menu';

const held = vi.hoisted(() => ({ double: null as ElectronDouble | null }));
vi.mock('electron', async () => {
  const { createElectronDouble } = await import('../testing/electron-double/index');
  const dir = (await import('node:os')).tmpdir();
  const double = createElectronDouble({ app: { appPath: dir, paths: { userData: dir, home: dir, logs: dir, temp: dir } } });
  double.runtime.markReady();
  held.double = double;
  return double.electronModule;
});

const { createTray } = await import('./tray');

const kitchen: Device = { ...laptop, id: 'd2', name: 'Kitchen', type: 'Speaker', isActive: false };

function setup() {
  const actions: TrayAction[] = [];
  const view = createTray({ onAction: (a) => void actions.push(a), onClick: () => undefined, onMenuWillShow: () => undefined, iconDir: join(tmpdir(), 'trayplay-icons') });
  const state = appStateFixture({ playback: { nowPlaying: playingTrack() } });
  const render = () => view.render(state, { devices: [laptop, kitchen] });
  render();
  const tray = held.double!.trays.trays.at(-1)!;
  const menu = (): MenuDouble => tray.contextMenu!;
  const item = (items: readonly MenuItemDouble[], label: string): MenuItemDouble => items.find((i) => i.label.startsWith(label))!;
  const devices = () => item(menu().items, 'Playing on').submenu!.items;
  const rows = () => menuRows(menu());
  const row = (rs: readonly MenuRow[], label: string): MenuRow => rs.find((r) => r.label.startsWith(label))!;
  return { actions, render, menu, item, devices, rows, row };
}

describe('tray menu checkbox and radio clicks', () => {
  it('a refused device transfer and shuffle leave the menu showing the real device and shuffle state', () => {
    const t = setup();
    t.item(t.devices(), 'Kitchen').click();
    t.item(t.menu().items, 'Shuffle').click();
    expect(t.actions).toEqual([{ type: 'transfer', deviceId: 'd2' }, { type: 'setShuffle', on: true }]);
    // Both refused: the state is unchanged and the controller renders it again.
    t.render();
    const devices = t.row(t.rows(), 'Playing on').submenu!;
    expect(devices.map((r) => [r.label, r.checked])).toEqual([['Laptop (Computer)', true], ['Kitchen (Speaker)', false]]);
    expect(t.row(t.rows(), 'Shuffle').checked).toBe(false);
  });

  it('clicking the device already playing transfers nothing', () => {
    const t = setup();
    t.item(t.devices(), 'Laptop').click();
    expect(t.actions).toEqual([]);
    expect(t.row(t.row(t.rows(), 'Playing on').submenu!, 'Laptop').checked).toBe(true);
  });
});
