import { describe, expect, it } from 'vitest';

import { err, ok } from '../../shared/result';
import type { AppState } from '../../shared/state/app-state';
import { memorySink, RootLogger } from '../logging/logger';
import { FakePlayback, laptop, playingTrack } from '../shell/testing/fake-playback';
import { appStateFixture } from '../testing/app-state-fixture';
import { ManualClock, settle } from '../testing/manual-clock';

import { startTray, type TrayViewHandlers } from './tray-controller';
import type { TrayMenuContext, TrayMenuItem } from './tray-menu';
import { trayMenu } from './tray-menu';

describe('tray controller', () => {
  const setup = () => {
    let state: AppState = appStateFixture({ playback: { nowPlaying: playingTrack() } });
    const listeners = new Set<(s: AppState) => void>();
    const playback = new FakePlayback();
    playback.listDevices = () => Promise.resolve(ok([laptop, { ...laptop, id: 'd2', name: 'Kitchen', isActive: false }]));
    const renders: Array<{ state: AppState; context: TrayMenuContext }> = [];
    let handlers: TrayViewHandlers | null = null;
    const dispatched: string[] = [];
    let destroyed = false;
    const tray = startTray({
      state: { get: () => state, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) },
      createView: (h) => {
        handlers = h;
        return { render: (s, context) => void renders.push({ state: s, context }), bounds: () => null, destroy: () => void (destroyed = true) };
      },
      dispatch: (command, source) => (dispatched.push(`${command}:${source}`), Promise.resolve(ok(null))),
      playback,
      auth: { signIn: () => Promise.resolve(ok(null)), signOut: () => Promise.resolve(ok(null)), cancel: () => Promise.resolve(ok(null)) },
      showMain: () => undefined,
      quit: () => undefined,
      clock: new ManualClock(),
      log: new RootLogger({ sink: memorySink().sink }).scope('tray'),
    });
    const push = (next: AppState) => {
      state = next;
      listeners.forEach((l) => l(next));
    };
    /** Clicks the item with this label in the last rendered menu, as Electron would. */
    const click = (label: string) => {
      const last = renders.at(-1)!;
      const walk = (items: readonly TrayMenuItem[]): TrayMenuItem | undefined =>
        items.map((i) => (i.kind === 'submenu' ? walk(i.items) : 'label' in i && i.label === label ? i : undefined)).find(Boolean);
      const item = walk(trayMenu(last.state, last.context));
      if (!item || !('action' in item) || !item.enabled) throw new Error(`no enabled item ${label}`);
      handlers!.onAction(item.action);
    };
    return { tray, renders, handlers: () => handlers!, dispatched, playback, push, click, destroyed: () => destroyed };
  };

  it('renders now, on every change, and once the device list arrives', async () => {
    const t = setup();
    expect(t.renders).toHaveLength(1);
    expect(t.renders[0]!.context.devices).toBeNull();
    await settle();
    expect(t.renders.at(-1)!.context.devices).toHaveLength(2);
    t.push(appStateFixture({ rev: 5, playback: { nowPlaying: playingTrack({ isPlaying: false }) } }));
    expect(t.renders.at(-1)!.state.rev).toBe(5);
  });

  it('menu clicks reach the dispatcher and the engine; left click toggles the mini-player', async () => {
    const t = setup();
    await settle();
    t.click('Pause');
    t.click('Next');
    t.click('Kitchen (Computer)');
    t.click('25 %');
    t.handlers().onClick(null);
    await settle();
    expect(t.dispatched).toEqual(['playPause:tray', 'next:tray', 'toggleMini:tray']);
    expect(t.playback.calls).toEqual(['transfer d2', 'volume 25']);
  });

  it('renders again once a refused command settles, though the state did not change', async () => {
    const t = setup();
    await settle();
    t.playback.answer = err('restricted', 'refused');
    const before = t.renders.length;
    t.click('Shuffle');
    await settle();
    expect(t.playback.calls).toEqual(['shuffle true']);
    expect(t.renders.length).toBeGreaterThan(before);
    expect(t.renders.at(-1)!.state).toBe(t.renders[before - 1]!.state);
  });

  it('stop removes the icon and stops following the state', () => {
    const t = setup();
    t.tray.stop();
    const count = t.renders.length;
    t.push(appStateFixture({ rev: 9 }));
    expect(t.renders).toHaveLength(count);
    expect(t.destroyed()).toBe(true);
  });
});
