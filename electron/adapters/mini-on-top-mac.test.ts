// macOS: `setVisibleOnAllWorkspaces` without `skipTransformProcessType` turns the menu-bar app into a
// foreground app (a Dock icon appears); it is called with the option, and only when the on-top flag changes.
import { tmpdir } from 'node:os';

import { afterAll, describe, expect, it, vi } from 'vitest';

import { DEFAULT_PREFERENCES, type Preferences } from '../../shared/state/preferences';
import { memorySink, RootLogger } from '../logging/logger';
import type { ElectronDouble } from '../testing/electron-double/index';
import { WindowStateStore } from '../windows/window-state';

import { MemoryStore } from './memory-store';

const held = vi.hoisted(() => ({ double: null as ElectronDouble | null }));
vi.mock('electron', async () => {
  const { createElectronDouble } = await import('../testing/electron-double/index');
  const dir = (await import('node:os')).tmpdir();
  const double = createElectronDouble({ platform: 'darwin', app: { appPath: dir, paths: { userData: dir, home: dir, logs: dir, temp: dir } } });
  double.runtime.markReady();
  held.double = double;
  return double.electronModule;
});

const { WindowManager } = await import('./window-manager');

const realPlatform = Object.getOwnPropertyDescriptor(process, 'platform')!;
Object.defineProperty(process, 'platform', { value: 'darwin' });
afterAll(() => Object.defineProperty(process, 'platform', realPlatform));

describe('macOS mini-player on all workspaces', () => {
  it('passes skipTransformProcessType, and calls again only when always-on-top changes', () => {
    const log = new RootLogger({ sink: memorySink().sink }).scope('windows');
    let mini: Preferences['mini'] = { ...DEFAULT_PREFERENCES.mini, alwaysOnTop: true };
    const windows = new WindowManager({
      renderer: { kind: 'app' },
      preloadPath: `${tmpdir()}/preload.cjs`,
      log,
      onVisibilityChange: () => undefined,
      placement: { memory: new WindowStateStore(new MemoryStore(), log), trayBounds: () => null, mini: () => mini, wayland: false },
    });
    const calls = () => held.double!.runtime.callsTo('BrowserWindow', 'setVisibleOnAllWorkspaces').map((c) => c.args.slice(1));
    windows.create('mini');
    windows.applyMiniPreferences();
    mini = { ...mini, opacity: 80 };
    windows.applyMiniPreferences();
    expect(calls()).toEqual([[true, { visibleOnFullScreen: true, skipTransformProcessType: true }]]);
    mini = { ...mini, alwaysOnTop: false };
    windows.applyMiniPreferences();
    windows.applyMiniPreferences();
    expect(calls()).toEqual([
      [true, { visibleOnFullScreen: true, skipTransformProcessType: true }],
      [false, { visibleOnFullScreen: false, skipTransformProcessType: true }],
    ]);
  });
});
