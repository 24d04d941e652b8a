import type { NowPlaying } from '../shared/state/now-playing';
import { PlaybackService } from '../electron/player/playback-service';
import { POLICY, type Visibility } from '../electron/player/refresh-policy';
import { authorizedFetch, signIn, SimTokenSource } from '../electron/player/testing/sim-session';
import { progressAt, toNowPlaying } from '../electron/spotify/mappers';
import { WebApiClient } from '../electron/spotify/web-api-client';
import { ManualClock } from '../electron/testing/manual-clock';
import { COMPUTER_ID, createSimulator, PHONE_ID, SPEAKER_ID, type ExternalAction, type Simulator } from '../simulator/index';

import { firstShowing, isEntry, percentile, round, seededRandom, trackChangeDelays, writeResults } from './playback-common';

// A 2-hour listening session under a fake clock. One simulated world; Trayplay's policy (window visible,
// and tray only) and fixed-interval pollers (1 s lofi, 5 s spotify-tui, 10 s Raycast) all watch it in the
// same run. 20 external events ("on another device") at seeded random times.

export interface SessionOptions {
  readonly seed?: number;
  readonly hours?: number;
  readonly events?: number;
  /** Simulated network latency per request (default 0). */
  readonly latencyMs?: number;
  /** Append to bench/results (default true; tests pass false). */
  readonly record?: boolean;
  /** Include per-event and per-boundary details (debugging). */
  readonly details?: boolean;
}

interface Sample {
  readonly t: number;
  readonly np: NowPlaying;
}

interface Observer {
  readonly name: string;
  readonly timeline: Sample[];
  requests: number;
  current(): NowPlaying;
}

interface ExternalEvent {
  readonly at: number;
  readonly type: ExternalAction['type'];
  /** True when an observation shows the event's effect. */
  readonly shows: (sample: Sample) => boolean;
}

const DEVICES = [COMPUTER_ID, PHONE_ID, SPEAKER_ID];

function newClient(sim: Simulator, tokens: SimTokenSource, clock: ManualClock, observer: { requests: number }): WebApiClient {
  return new WebApiClient({
    apiBaseUrl: `${sim.baseUrl}/v1`,
    fetch: authorizedFetch((url, init) => sim.fetch(url, init), tokens),
    clock,
    timeoutMs: 5_000,
    onRequest: () => {
      observer.requests += 1;
    },
  });
}

function trayplay(name: string, visibility: Visibility, sim: Simulator, tokens: SimTokenSource, clock: ManualClock): Observer {
  const timeline: Sample[] = [];
  const observer: Observer = { name, timeline, requests: 0, current: () => service.getState().nowPlaying };
  const service = new PlaybackService({ api: newClient(sim, tokens, clock, observer), tokens, clock, visibility });
  service.onChange(() => timeline.push({ t: clock.now(), np: service.getState().nowPlaying }));
  service.start();
  return observer;
}

function fixedPoller(name: string, intervalMs: number, sim: Simulator, tokens: SimTokenSource, clock: ManualClock): Observer {
  const timeline: Sample[] = [];
  let shown: NowPlaying = { kind: 'idle' };
  const observer: Observer = { name, timeline, requests: 0, current: () => shown };
  const client = newClient(sim, tokens, clock, observer);
  const tick = async (): Promise<void> => {
    clock.setTimeout(() => void tick(), intervalMs);
    const result = await client.getPlaybackState();
    if (!result.ok) return;
    shown = toNowPlaying(result.value.state, result.value.observedAt, null);
    timeline.push({ t: clock.now(), np: shown });
  };
  void tick();
  return observer;
}

const itemOf = (np: NowPlaying) => (np.kind === 'item' ? np : null);

/** Applies a plausible external action for the world's state and says how its effect will look. */
function externalEvent(sim: Simulator, random: () => number, at: number): ExternalEvent {
  const world = sim.control.state();
  const roll = random();
  let action: ExternalAction;
  if (!world.isPlaying) {
    action = roll < 0.7 ? { type: 'resume' } : roll < 0.85 ? { type: 'next' } : { type: 'seek', positionMs: 0 };
  } else if (roll < 0.3) action = { type: 'pause' };
  else if (roll < 0.55) action = { type: 'next' };
  else if (roll < 0.65) action = { type: 'previous' };
  else if (roll < 0.85) action = { type: 'seek', positionMs: 0 };
  else {
    const others = DEVICES.filter((id) => id !== world.activeDeviceId);
    action = { type: 'transfer', deviceId: others[Math.floor(random() * others.length)] ?? PHONE_ID };
  }
  if (action.type === 'seek') {
    // Far from the end, so the track does not change before a slow poller looks.
    const duration = world.durationMs ?? 180_000;
    action = { type: 'seek', positionMs: Math.floor(10_000 + random() * Math.max(0, duration - 150_000)) };
  }
  sim.control.externalAction(action);
  const after = sim.control.state();
  const playing = after.isPlaying;
  const expectedAt = (t: number): number => after.progressMs + (playing ? t - at : 0);
  const near = (sample: Sample): boolean => {
    const item = itemOf(sample.np);
    return item !== null && item.item.uri === after.itemUri && Math.abs(item.progressMs - expectedAt(item.observedAt)) < 2_000;
  };
  const shows: Record<ExternalAction['type'], (sample: Sample) => boolean> = {
    pause: (s) => itemOf(s.np)?.isPlaying === false,
    resume: (s) => itemOf(s.np)?.isPlaying === true,
    next: near,
    previous: near,
    seek: near,
    transfer: (s) => itemOf(s.np)?.device.id === after.activeDeviceId,
    play: near,
    shuffle: () => true,
    repeat: () => true,
    volume: () => true,
    privateSession: () => true,
    disconnect: () => true,
  };
  return { at, type: action.type, shows: shows[action.type] };
}

export async function run(options: SessionOptions = {}): Promise<Record<string, unknown>> {
  const seed = options.seed ?? 20261124;
  const hours = options.hours ?? 2;
  const eventCount = options.events ?? 20;
  const durationMs = hours * 3_600_000;
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 20, 0, 0));
  const start = clock.now();
  // Latency waits on the fake clock, like everything else.
  const sim = createSimulator({ now: () => clock.now(), seed, sleep: (ms) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms)) });
  sim.control.externalAction({ type: 'repeat', state: 'context' });
  sim.control.externalAction({ type: 'play' });
  const tokens = new SimTokenSource(sim, await signIn(sim));
  sim.control.setScenario({ latencyMs: options.latencyMs ?? 0 });
  // Long sessions outlive the 1 h access token: the fake token source refreshes on 401 like the real one.

  const observers: Observer[] = [
    trayplay('trayplay-window', 'window', sim, tokens, clock),
    trayplay('trayplay-tray', 'tray', sim, tokens, clock),
    fixedPoller('fixed-1s (lofi)', 1_000, sim, tokens, clock),
    fixedPoller('fixed-5s (spotify-tui)', 5_000, sim, tokens, clock),
    fixedPoller('fixed-10s (Raycast)', 10_000, sim, tokens, clock),
  ];

  const random = seededRandom(seed);
  const eventTimes = Array.from({ length: eventCount }, () => start + 120_000 + random() * (durationMs - 240_000)).sort((a, b) => a - b);
  const events: ExternalEvent[] = [];
  for (const at of eventTimes) clock.setTimeout(() => events.push(externalEvent(sim, random, clock.now())), at - start);

  // Interpolation error: each display, sampled every second, against the world — only while the display's
  // observation is of the current item and no external event happened since it (that is event delay).
  const maxProgressError = new Map<string, number>(observers.map((o) => [o.name, 0]));
  const sample = (): void => {
    const now = clock.now();
    const world = sim.control.state();
    const lastEventAt = events.at(-1)?.at ?? -Infinity;
    for (const observer of observers) {
      const item = itemOf(observer.current());
      if (!item || item.item.uri !== world.itemUri || item.observedAt < lastEventAt) continue;
      const error = Math.abs((progressAt(item, now) ?? 0) - world.progressMs);
      maxProgressError.set(observer.name, Math.max(maxProgressError.get(observer.name) ?? 0, error));
    }
    if (now - start < durationMs) clock.setTimeout(sample, 1_000);
  };
  clock.setTimeout(sample, 1_000);

  const wallStart = performance.now();
  await clock.advance(durationMs);
  const wallMs = performance.now() - wallStart;

  const boundaries = sim.control
    .events()
    .filter((e) => e.kind === 'track-change' && e.source === 'clock' && e.at >= start && e.at <= start + durationMs - 60_000);

  const rows = observers.map((observer) => {
    const eventDelays: number[] = [];
    const trackDelays: number[] = [];
    const count = { eventsMissed: 0, eventsSuperseded: 0, trackChangesMissed: 0, trackChangesSuperseded: 0 };
    const missed: unknown[] = [];
    events.forEach((event, i) => {
      const until = events[i + 1]?.at ?? start + durationMs;
      const delay = firstShowing(observer.timeline, event.at, until, event.shows);
      if (delay === 'missed') {
        count.eventsMissed += 1;
        missed.push({ eventAt: event.at - start, type: event.type, nextEventIn: until - event.at });
      } else if (delay === 'superseded') count.eventsSuperseded += 1;
      else eventDelays.push(delay);
    });
    const tracks = trackChangeDelays(observer.timeline, boundaries, events.map((e) => e.at), (s, uri) => itemOf(s.np)?.item.uri === uri);
    trackDelays.push(...tracks.delays);
    count.trackChangesMissed = tracks.missed.length;
    count.trackChangesSuperseded = tracks.superseded;
    for (const m of tracks.missed) missed.push({ boundaryAt: m.boundaryAt - start, to: m.to });
    const s = (ms: number | null): number | null => round(ms === null ? null : ms / 1000, 2);
    return {
      bench: 'playback-session',
      policy: observer.name,
      hours,
      requestsPerHour: round(observer.requests / hours, 0),
      eventDelayP50s: s(percentile(eventDelays, 50)),
      eventDelayP95s: s(percentile(eventDelays, 95)),
      eventDelayMaxs: s(percentile(eventDelays, 100)),
      eventsSeen: eventDelays.length,
      eventsMissed: count.eventsMissed,
      eventsSuperseded: count.eventsSuperseded,
      trackChangeDelayP50s: s(percentile(trackDelays, 50)),
      trackChangeDelayP95s: s(percentile(trackDelays, 95)),
      trackChangeDelayMaxs: s(percentile(trackDelays, 100)),
      trackChanges: trackDelays.length,
      trackChangesMissed: count.trackChangesMissed,
      trackChangesSuperseded: count.trackChangesSuperseded,
      maxProgressErrorMs: Math.round(maxProgressError.get(observer.name) ?? 0),
      ...(options.details ? { missed, slowTrackChanges: trackDelays.filter((d) => d > 1_500).length } : {}),
    };
  });

  const byName = new Map(rows.map((r) => [r.policy, r]));
  const win = byName.get('trayplay-window');
  const tray = byName.get('trayplay-tray');
  const lofi = byName.get('fixed-1s (lofi)');
  const targets = {
    windowRequestsPerHourAtMost400: (win?.requestsPerHour ?? Infinity) <= 400,
    windowNineTimesFewerThanLofi: (win?.requestsPerHour ?? Infinity) * 9 <= (lofi?.requestsPerHour ?? 0),
    windowTrackChangesWithin1500ms: (win?.trackChangeDelayMaxs ?? Infinity) <= 1.5 && win?.trackChangesMissed === 0,
    windowEventsP95Within10s: (win?.eventDelayP95s ?? Infinity) <= 10 && win?.eventsMissed === 0,
    trayRequestsPerHourAtMost150: (tray?.requestsPerHour ?? Infinity) <= 150,
  };
  const summary = {
    bench: 'playback-session',
    summary: true,
    seed,
    latencyMs: options.latencyMs ?? 0,
    events: events.map((e) => e.type).join(','),
    naturalTrackChanges: boundaries.length,
    policy: { windowPlayingMs: POLICY.windowPlayingMs, windowPausedMs: POLICY.windowPausedMs, trayPlayingMs: POLICY.trayPlayingMs, trayPausedMs: POLICY.trayPausedMs },
    targets,
    allTargetsMet: Object.values(targets).every(Boolean),
    wallMs: Math.round(wallMs),
  };
  const lines = [...rows, summary];
  if (options.record !== false) writeResults('playback-session', lines);
  return { rows, summary };
}

/** The same session over several seeds: whether the targets hold beyond one lucky draw. */
export async function runSeeds(count: number, options: SessionOptions = {}): Promise<Record<string, unknown>> {
  const perSeed: Array<Record<string, unknown>> = [];
  for (let seed = 1; seed <= count; seed += 1) {
    const result = await run({ ...options, seed, record: false });
    const rows = result.rows as Array<Record<string, unknown>>;
    const win = rows.find((r) => r.policy === 'trayplay-window');
    const tray = rows.find((r) => r.policy === 'trayplay-tray');
    perSeed.push({
      seed,
      windowRequestsPerHour: win?.requestsPerHour,
      windowEventP95s: win?.eventDelayP95s,
      windowTrackChangeMaxs: win?.trackChangeDelayMaxs,
      trayRequestsPerHour: tray?.requestsPerHour,
      allTargetsMet: (result.summary as { allTargetsMet: boolean }).allTargetsMet,
    });
  }
  const line = {
    bench: 'playback-session-seeds',
    seeds: count,
    seedsMeetingAllTargets: perSeed.filter((s) => s.allTargetsMet === true).length,
    perSeed,
  };
  if (options.record !== false) writeResults('playback-session', [line]);
  return line;
}

if (isEntry('playback-session.ts')) {
  const seedsArg = process.argv.find((a) => a.startsWith('--seeds='));
  if (seedsArg) {
    console.log(JSON.stringify(await runSeeds(Number(seedsArg.slice('--seeds='.length)) || 10)));
  } else {
    const result = await run();
    for (const row of result.rows as unknown[]) console.log(JSON.stringify(row));
    console.log(JSON.stringify(result.summary));
  }
}
