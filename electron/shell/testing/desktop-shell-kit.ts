import type { AppState } from '../../../shared/state/app-state';
import { applyPreferencesPatch, DEFAULT_PREFERENCES, type Preferences, type PreferencesPatch } from '../../../shared/state/preferences';
import { DesktopStatusHub } from '../../core/desktop-status';
import type { PlaybackFacade } from '../../core/facades';
import { memorySink, RootLogger } from '../../logging/logger';
import { noPowerEvents, type PowerEvents } from '../../ports/power-events';
import { appStateFixture } from '../../testing/app-state-fixture';
import { ManualClock } from '../../testing/manual-clock';
import type { ControlInbox } from '../control-inbox';
import { DesktopShell } from '../desktop-shell';
import type { LoginItemPlan } from '../login-items';
import type { TrackNotice } from '../track-notifier';

import { FakePlayback, playingTrack } from './fake-playback';
import { FakeShortcuts } from './fake-shortcuts';

export interface ShellKitOptions {
  readonly packaged?: boolean;
  readonly applyThrows?: boolean;
  readonly wayland?: boolean;
  readonly platform?: NodeJS.Platform;
  readonly trusted?: boolean;
  readonly playback?: FakePlayback;
  /** A real playback engine instead of the fake (the fake's `calls` then stay empty). */
  readonly engine?: PlaybackFacade;
  readonly inbox?: ControlInbox;
}

/**
 * A DesktopShell over fakes, started. Its sources (state, preferences, power) call listeners the way the
 * app's plain stores do — in a loop without a try — so a listener that throws would reach them.
 */
export function shellKit(options: ShellKitOptions = {}) {
  const logs = memorySink();
  const logger = new RootLogger({ sink: logs.sink });
  let prefs: Preferences = DEFAULT_PREFERENCES;
  const prefListeners = new Set<() => void>();
  let state: AppState = appStateFixture({ playback: { nowPlaying: playingTrack() } });
  const stateListeners = new Set<(s: AppState) => void>();
  const desktop = new DesktopStatusHub('electron', logger.scope('desktop'));
  const shown: TrackNotice[] = [];
  const plans: LoginItemPlan[] = [];
  const windowCalls: string[] = [];
  /** What the fakes do; tests flip these to make a part throw. */
  const env = { trusted: options.trusted ?? true, prompts: 0, focusedThrows: false, loginInputThrows: false, toggleMiniThrows: false };
  let miniApplied = 0;
  const resume = new Set<() => void>();
  const unlock = new Set<() => void>();
  const on = (set: Set<() => void>) => (cb: () => void) => (set.add(cb), () => void set.delete(cb));
  const power: PowerEvents = { ...noPowerEvents, onResume: on(resume), onUnlock: on(unlock) };
  const shortcuts = new FakeShortcuts();
  const clock = new ManualClock();
  const playback = options.playback ?? new FakePlayback();
  const platform = options.platform ?? 'linux';
  const shell = new DesktopShell({
    clock,
    log: logger.scope('shell'),
    playback: options.engine ?? playback,
    ...(options.inbox ? { inbox: options.inbox } : {}),
    preferences: { values: () => prefs, onChange: (l) => (prefListeners.add(l), () => prefListeners.delete(l)) },
    desktop,
    windows: {
      showMain: () => void windowCalls.push('showMain'),
      toggleMini: () => {
        if (env.toggleMiniThrows) throw new Error('window destroyed');
        windowCalls.push('toggleMini');
      },
      showMini: () => void windowCalls.push('showMini'),
    },
    power,
    shortcuts: {
      port: shortcuts,
      env: { platform, wayland: options.wayland ?? false, accessibilityTrusted: () => env.trusted, promptAccessibility: () => void (env.prompts += 1) },
    },
    miniWindow: { applyMiniPreferences: () => void miniApplied++ },
    wayland: options.wayland ?? false,
    notifications: {
      notifier: { show: (n) => void shown.push(n) },
      windowFocused: () => {
        if (env.focusedThrows) throw new Error('window gone');
        return false;
      },
    },
    loginItems: {
      input: () => {
        if (env.loginInputThrows) throw new Error('no home folder');
        return { platform: 'linux', packaged: options.packaged ?? true, executable: '/opt/Trayplay/trayplay', appName: 'Trayplay', desktopName: 'app.trayplay.Trayplay.desktop', home: '/home/ann' };
      },
      apply: (plan) => {
        if (options.applyThrows) throw new Error('EACCES: permission denied');
        plans.push(plan);
      },
    },
  });
  shell.start({ get: () => state, subscribe: (l) => (stateListeners.add(l), () => stateListeners.delete(l)) });
  return {
    shell,
    clock,
    playback,
    desktop,
    shown,
    plans,
    shortcuts,
    env,
    logs,
    windowCalls,
    miniApplied: () => miniApplied,
    resume: () => resume.forEach((cb) => cb()),
    unlock: () => unlock.forEach((cb) => cb()),
    /** Listeners the shell still holds on its sources. */
    listening: () => ({ state: stateListeners.size, preferences: prefListeners.size, power: resume.size + unlock.size }),
    update: (patch: PreferencesPatch) => {
      prefs = applyPreferencesPatch(prefs, patch);
      prefListeners.forEach((l) => l());
    },
    push: (next: AppState) => {
      state = next;
      stateListeners.forEach((l) => l(next));
    },
  };
}
