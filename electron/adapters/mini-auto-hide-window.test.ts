// The window manager's side of auto-hide: the rule sees the real mini-player window's shows and hides,
// including the user's (tray, hotkey), and its own return shows the window without taking the focus.
import { tmpdir } from 'node:os';

import { describe, expect, it, vi } from 'vitest';

import type { PlaybackState } from '../../shared/state/now-playing';
import { DEFAULT_PREFERENCES, type Preferences } from '../../shared/state/preferences';
import { memorySink, RootLogger } from '../logging/logger';
import { playingTrack } from '../shell/testing/fake-playback';
import type { ElectronDouble } from '../testing/electron-double/index';
import { ManualClock } from '../testing/manual-clock';
import { startMiniAutoHide } from '../windows/mini-auto-hide';
import { WindowStateStore } from '../windows/window-state';

import { MemoryStore } from './memory-store';

const held = vi.hoisted(() => ({ double: null as ElectronDouble | null }));
vi.mock('electron', async () => {
  const { createElectronDouble } = await import('../testing/electron-double/index');
  const dir = (await import('node:os')).tmpdir();
  const double = createElectronDouble({ platform: 'linux', app: { appPath: dir, paths: { userData: dir, home: dir, logs: dir, temp: dir } } });
  double.runtime.markReady();
  held.double = double;
  return double.electronModule;
});

const { WindowManager } = await import('./window-manager');

describe('mini-player auto-hide against the window manager', () => {
  it('hides the shown mini-player after the quiet minutes, returns it unfocused on playback, and leaves a user-hidden one alone', async () => {
    const log = new RootLogger({ sink: memorySink().sink }).scope('windows');
    const mini: Preferences['mini'] = { ...DEFAULT_PREFERENCES.mini, autoHideMinutes: 1 };
    const windows = new WindowManager({
      renderer: { kind: 'app' },
      preloadPath: `${tmpdir()}/preload.cjs`,
      log,
      onVisibilityChange: () => undefined,
      placement: { memory: new WindowStateStore(new MemoryStore(), log), trayBounds: () => null, mini: () => mini, wayland: false },
    });
    const clock = new ManualClock();
    let state: PlaybackState = { nowPlaying: { kind: 'idle' }, controls: { readOnly: false, readOnlyReason: null }, notice: null };
    const listeners = new Set<() => void>();
    const setPlaying = (isPlaying: boolean): void => {
      state = { ...state, nowPlaying: playingTrack({ isPlaying }) };
      listeners.forEach((l) => l());
    };
    const port = windows.miniForAutoHide();
    windows.create('mini');
    const rule = startMiniAutoHide({
      clock,
      playback: { getState: () => state, onChange: (l) => (listeners.add(l), () => void listeners.delete(l)) },
      preferences: { values: () => ({ ...DEFAULT_PREFERENCES, mini }), onChange: () => () => undefined },
      mini: port,
    });
    windows.showMini();
    expect(port.isVisible()).toBe(true);
    await clock.advance(60_000);
    expect(port.isVisible()).toBe(false);
    setPlaying(true);
    expect(port.isVisible()).toBe(true);
    expect(held.double!.runtime.callsTo('BrowserWindow', 'show')).toHaveLength(0);

    // The user hides it (tray), nothing plays for long, then playback starts: it stays hidden.
    windows.toggleMini();
    setPlaying(false);
    await clock.advance(10 * 60_000);
    setPlaying(true);
    expect(port.isVisible()).toBe(false);
    rule.stop();
  });
});
