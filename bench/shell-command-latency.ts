import { PlaybackService } from '../electron/player/playback-service';
import { authorizedFetch, signIn, SimTokenSource } from '../electron/player/testing/sim-session';
import { RootLogger } from '../electron/logging/logger';
import { noPowerEvents } from '../electron/ports/power-events';
import type { Clock } from '../electron/ports/clock';
import { systemClock } from '../electron/ports/clock';
import { DesktopShell } from '../electron/shell/desktop-shell';
import { FakeShortcuts } from '../electron/shell/testing/fake-shortcuts';
import { WebApiClient } from '../electron/spotify/web-api-client';
import { DesktopStatusHub } from '../electron/core/desktop-status';
import { DEFAULT_PREFERENCES } from '../shared/state/preferences';
import { createSimulator } from '../simulator/index';

import { isEntry, percentile, round, writeResults } from './playback-common';

// In-process time from a global hotkey press (the registered callback) or a control link arriving at the
// inbox, to the command's request leaving the Web API client (fetch called), over 1,000 dispatches each,
// against a zero-latency in-process simulator. The wall clock moves 1 s per press so that neither the
// toggle repeat guard nor the control-link rate limit absorbs a press: every sample is a full dispatch.

export interface ShellLatencyOptions {
  readonly dispatches?: number;
  readonly warmup?: number;
  readonly record?: boolean;
}

export async function run(options: ShellLatencyOptions = {}): Promise<Record<string, unknown>> {
  const total = options.dispatches ?? 1_000;
  const warmup = options.warmup ?? 100;
  let offset = 0;
  const clock: Clock = { ...systemClock, now: () => systemClock.now() + offset };
  const sim = createSimulator({ seed: 7, now: () => clock.now() });
  const tokens = new SimTokenSource(sim, await signIn(sim));
  let leftAt: number | null = null;
  const client = new WebApiClient({
    apiBaseUrl: `${sim.baseUrl}/v1`,
    fetch: authorizedFetch((url, init) => sim.fetch(url, init), tokens),
    clock,
    timeoutMs: 5_000,
    onRequest: (_method, path) => {
      if (leftAt === null && path !== '/me/player' && path !== '/me/player/devices' && !path.startsWith('/me/library/contains')) leftAt = performance.now();
    },
  });
  const playback = new PlaybackService({ api: client, tokens, clock, visibility: 'window' });
  playback.start();
  await playback.refresh();
  const logger = new RootLogger({ sink: () => undefined });
  const shortcuts = new FakeShortcuts();
  const shell = new DesktopShell({
    clock,
    log: logger.scope('shell'),
    playback,
    preferences: { values: () => DEFAULT_PREFERENCES, onChange: () => () => undefined },
    desktop: new DesktopStatusHub('electron', logger.scope('desktop')),
    windows: { showMain: () => undefined, toggleMini: () => undefined, showMini: () => undefined },
    power: noPowerEvents,
    shortcuts: { port: shortcuts, env: { platform: 'linux', wayland: false, accessibilityTrusted: () => true, promptAccessibility: () => undefined } },
  });
  // Keep the dispatch a hotkey starts, to wait for it before the next press.
  let inFlight: Promise<unknown> = Promise.resolve();
  const dispatch = shell.dispatch.bind(shell);
  shell.dispatch = (command, source) => {
    const running = dispatch(command, source);
    inFlight = running;
    return running;
  };
  shell.start({ get: () => { throw new Error('unused'); }, subscribe: () => () => undefined });

  const hotkeys = ['MediaPlayPause', 'MediaNextTrack', 'CommandOrControl+Alt+Shift+Up', 'MediaPreviousTrack', 'CommandOrControl+Alt+Shift+Down'];
  const links = ['play-pause', 'next', 'volume-up', 'previous', 'volume-down'].map((n) => `trayplay://control/${n}`);

  const measure = async (fire: (i: number) => void): Promise<{ samples: number[]; missing: number }> => {
    const samples: number[] = [];
    let missing = 0;
    for (let i = 0; i < total + warmup; i += 1) {
      offset += 1_000;
      leftAt = null;
      const firedAt = performance.now();
      fire(i);
      await inFlight;
      if (i < warmup) continue;
      if (leftAt === null) missing += 1;
      else samples.push(leftAt - firedAt);
    }
    return { samples, missing };
  };
  const hotkey = await measure((i) => shortcuts.press(hotkeys[i % hotkeys.length]!));
  const link = await measure((i) => void shell.inbox.receiveUrl(links[i % links.length]!));
  playback.stop();
  shell.stop();

  const line = {
    bench: 'shell-command-latency',
    dispatches: total,
    hotkeyP50Ms: round(percentile(hotkey.samples, 50), 4),
    hotkeyP99Ms: round(percentile(hotkey.samples, 99), 4),
    hotkeyNoRequest: hotkey.missing,
    controlLinkP50Ms: round(percentile(link.samples, 50), 4),
    controlLinkP99Ms: round(percentile(link.samples, 99), 4),
    controlLinkNoRequest: link.missing,
  };
  if (options.record !== false) writeResults('shell-command-latency', [line]);
  return line;
}

if (isEntry('shell-command-latency.ts')) console.log(JSON.stringify(await run()));
