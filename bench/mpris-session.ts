import type { NowPlaying } from '../shared/state/now-playing';
import type { Preferences } from '../shared/state/preferences';
import { DEFAULT_PREFERENCES } from '../shared/state/preferences';
import { initialDesktopStatus, type DesktopStatus } from '../shared/state/desktop';
import { startMediaSession } from '../electron/mpris/media-session-service';
import { SPOTIFY_BUS_NAME } from '../electron/mpris/mpris-names';
import { FakeMediaBus } from '../electron/mpris/testing/fake-media-bus';
import { PlaybackService } from '../electron/player/playback-service';
import { POLICY } from '../electron/player/refresh-policy';
import { authorizedFetch, signIn, SimTokenSource } from '../electron/player/testing/sim-session';
import { WebApiClient } from '../electron/spotify/web-api-client';
import { ManualClock } from '../electron/testing/manual-clock';
import { RootLogger } from '../electron/logging/logger';
import { COMPUTER_ID, createSimulator, type ExternalAction, type Simulator } from '../simulator/index';

import { firstShowing, isEntry, percentile, round, seededRandom, trackChangeDelays, writeResults } from './playback-common';

// The 2-hour listening session with the active device on this computer, under a fake clock: one simulated
// world watched by Trayplay with a window visible twice over — once polling alone, once also following the
// local Spotify client's MPRIS signals (a fake client on an in-memory bus, with Spotify's quirks: Metadata
// signals repeated, Position never updated, no Seeked). External play/pause/skip/seek happen in the client.

export interface MprisSessionOptions {
  readonly seed?: number;
  readonly hours?: number;
  readonly events?: number;
  /** How long the client takes to signal a change (default 30 ms). */
  readonly signalDelayMs?: number;
  /** Simulated network latency per Web API request (default 0). */
  readonly latencyMs?: number;
  readonly record?: boolean;
}

interface Sample {
  readonly t: number;
  readonly np: NowPlaying;
}

interface Observer {
  readonly name: string;
  readonly timeline: Sample[];
  requests: number;
}

type LocalAction = Extract<ExternalAction, { type: 'pause' | 'resume' | 'next' | 'previous' | 'seek' }>;

const itemOf = (np: NowPlaying) => (np.kind === 'item' ? np : null);
const silentLogger = new RootLogger({ sink: () => undefined });

function client(sim: Simulator, tokens: SimTokenSource, clock: ManualClock, observer: Observer): WebApiClient {
  return new WebApiClient({
    apiBaseUrl: `${sim.baseUrl}/v1`,
    fetch: authorizedFetch((url, init) => sim.fetch(url, init), tokens),
    clock,
    timeoutMs: 5_000,
    onRequest: () => void (observer.requests += 1),
  });
}

function watchTimeline(service: PlaybackService, clock: ManualClock, observer: Observer): void {
  service.onChange(() => observer.timeline.push({ t: clock.now(), np: service.getState().nowPlaying }));
}

/** The local Spotify client's MPRIS as the fake bus shows it: follows the world, with the client's quirks. */
function fakeLocalClient(sim: Simulator, bus: FakeMediaBus, clock: ManualClock, delayMs: number): { nudge(): void } {
  const props = () => {
    const world = sim.control.state();
    const id = world.itemUri?.split(':')[2] ?? 'none';
    return {
      PlaybackStatus: world.isPlaying ? 'Playing' : 'Paused',
      Position: 0,
      Metadata: { 'mpris:trackid': `/com/spotify/track/${id}`, 'mpris:length': (world.durationMs ?? 0) * 1000, 'xesam:title': world.itemName ?? '' },
    };
  };
  bus.remoteAppears(SPOTIFY_BUS_NAME, props());
  let boundary: unknown = null;
  const signal = (): void => {
    clock.setTimeout(() => {
      const now = props();
      // Spotify sends Metadata again with every change, and twice on a track change.
      bus.remoteChanges(SPOTIFY_BUS_NAME, { Metadata: now.Metadata, PlaybackStatus: now.PlaybackStatus });
      bus.remoteChanges(SPOTIFY_BUS_NAME, { Metadata: now.Metadata, Position: 0 });
    }, delayMs);
  };
  const armBoundary = (): void => {
    if (boundary !== null) clock.clearTimeout(boundary);
    const next = sim.control.trackBoundaries(clock.now(), clock.now() + 3_600_000)[0];
    boundary = next
      ? clock.setTimeout(() => {
          boundary = null;
          signal();
          armBoundary();
        }, next.at - clock.now())
      : null;
  };
  armBoundary();
  return {
    nudge: () => {
      signal();
      armBoundary();
    },
  };
}

export async function run(options: MprisSessionOptions = {}): Promise<Record<string, unknown>> {
  const seed = options.seed ?? 20261202;
  const hours = options.hours ?? 2;
  const eventCount = options.events ?? 40;
  const durationMs = hours * 3_600_000;
  const clock = new ManualClock(Date.UTC(2026, 11, 2, 20, 0, 0));
  const start = clock.now();
  const sim = createSimulator({ now: () => clock.now(), seed, sleep: (ms) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms)) });
  sim.control.externalAction({ type: 'repeat', state: 'context' });
  sim.control.externalAction({ type: 'transfer', deviceId: COMPUTER_ID, play: true });
  const tokens = new SimTokenSource(sim, await signIn(sim));
  sim.control.setScenario({ latencyMs: options.latencyMs ?? 0 });

  // Polling alone.
  const alone: Observer = { name: 'window, polling only', timeline: [], requests: 0 };
  const pollingOnly = new PlaybackService({ api: client(sim, tokens, clock, alone), tokens, clock, visibility: 'window' });
  watchTimeline(pollingOnly, clock, alone);
  pollingOnly.start();

  // With the local client's signals through the media session.
  const hinted: Observer = { name: 'window + local client signals', timeline: [], requests: 0 };
  const service = new PlaybackService({ api: client(sim, tokens, clock, hinted), tokens, clock, visibility: 'window' });
  watchTimeline(service, clock, hinted);
  service.start();
  const bus = new FakeMediaBus();
  let desktop: DesktopStatus = initialDesktopStatus('electron');
  const preferences: Preferences = DEFAULT_PREFERENCES;
  const session = startMediaSession({
    bus,
    playback: service,
    preferences: { values: () => preferences, onChange: () => () => undefined },
    desktop: { get: () => desktop, patch: (patch) => void (desktop = { ...desktop, ...patch }) },
    clock,
    logger: silentLogger.scope('mpris'),
    raise: null,
    quit: null,
    lookNow: () => service.wake('local-hint'),
    setLocalHints: (trusted) => service.setLocalHints(trusted),
    // The simulator's computer is the Spotify app here (the active device of this session), recognised the
    // way the app does it: by the device's name being this host's.
    hostname: sim.control.state().devices.find((d) => d.id === COMPUTER_ID)?.name ?? null,
    pid: 1,
  });
  await clock.advance(0);
  const local = fakeLocalClient(sim, bus, clock, options.signalDelayMs ?? 30);

  // External actions in the client, at seeded random times.
  const random = seededRandom(seed);
  /** `restart`: a previous that restarted the track (past 3 s in) — to the client's MPRIS that is a seek. */
  type Kind = 'pause' | 'resume' | 'skip' | 'seek' | 'restart';
  const events: Array<{ at: number; type: LocalAction['type']; kind: Kind; shows: (s: Sample) => boolean }> = [];
  const eventTimes = Array.from({ length: eventCount }, () => start + 120_000 + random() * (durationMs - 240_000)).sort((a, b) => a - b);
  for (const at of eventTimes) {
    clock.setTimeout(() => {
      const world = sim.control.state();
      const roll = random();
      const action: LocalAction = !world.isPlaying
        ? { type: 'resume' }
        : roll < 0.25
          ? { type: 'pause' }
          : roll < 0.6
            ? { type: 'next' }
            : roll < 0.75
              ? { type: 'previous' }
              : { type: 'seek', positionMs: Math.floor(10_000 + random() * 60_000) };
      sim.control.externalAction(action);
      const after = sim.control.state();
      const kind: Kind =
        action.type === 'pause' || action.type === 'resume' || action.type === 'seek'
          ? action.type
          : after.itemUri !== world.itemUri
            ? 'skip'
            : 'restart';
      const near = (s: Sample): boolean => {
        const item = itemOf(s.np);
        return item !== null && item.item.uri === after.itemUri && Math.abs(item.progressMs - (after.progressMs + (after.isPlaying ? item.observedAt - at : 0))) < 2_000;
      };
      const shows =
        action.type === 'pause' ? (s: Sample) => itemOf(s.np)?.isPlaying === false : action.type === 'resume' ? (s: Sample) => itemOf(s.np)?.isPlaying === true : near;
      events.push({ at: clock.now(), type: action.type, kind, shows });
      local.nudge();
    }, at - start);
  }

  const wallStart = performance.now();
  await clock.advance(durationMs);
  const wallMs = performance.now() - wallStart;
  await session.dispose();
  pollingOnly.stop();
  service.stop();

  const boundaries = sim.control
    .events()
    .filter((e) => e.kind === 'track-change' && e.source === 'clock' && e.at >= start && e.at <= start + durationMs - 60_000);

  const rows = [alone, hinted].map((observer) => {
    const transport: number[] = [];
    const seeks: number[] = [];
    let missed = 0;
    /** Nothing observed at all before the next event replaced it: no display could have shown it. */
    let superseded = 0;
    let seeksUnseen = 0;
    events.forEach((event, i) => {
      const until = events[i + 1]?.at ?? start + durationMs;
      const delay = firstShowing(observer.timeline, event.at, until, event.shows);
      const seekLike = event.kind === 'seek' || event.kind === 'restart';
      if (delay === 'missed' || delay === 'superseded') {
        if (seekLike) seeksUnseen += 1;
        else if (delay === 'missed') missed += 1;
        else superseded += 1;
      } else (seekLike ? seeks : transport).push(delay);
    });
    const tracks = trackChangeDelays(observer.timeline, boundaries, events.map((e) => e.at), (s, uri) => itemOf(s.np)?.item.uri === uri);
    const trackDelays = tracks.delays;
    missed += tracks.missed.length;
    superseded += tracks.superseded;
    const s = (ms: number | null): number | null => round(ms === null ? null : ms / 1000, 2);
    return {
      bench: 'mpris-session',
      policy: observer.name,
      hours,
      requestsPerHour: round(observer.requests / hours, 0),
      trackChangeDelayP50s: s(percentile(trackDelays, 50)),
      trackChangeDelayP95s: s(percentile(trackDelays, 95)),
      trackChanges: trackDelays.length,
      playPauseSkipDelayP50s: s(percentile(transport, 50)),
      playPauseSkipDelayP95s: s(percentile(transport, 95)),
      playPauseSkipEvents: transport.length,
      // The client sends no Seeked and never updates Position: seeks (and a previous that restarts the track)
      // give no signal and show at the next poll.
      seekOrRestartDelayP95s: s(percentile(seeks, 95)),
      seeksOrRestarts: seeks.length,
      seeksOrRestartsNotShownBeforeTheNextEvent: seeksUnseen,
      /** Track changes and play/pause/skip observed but never shown before the next event. */
      missed,
      superseded,
    };
  });
  const withSignals = rows[1]!;
  const targets = {
    trackChangesP95Within500ms: (withSignals.trackChangeDelayP95s ?? Infinity) <= 0.5,
    playPauseSkipP95Within500ms: (withSignals.playPauseSkipDelayP95s ?? Infinity) <= 0.5,
    atMost60RequestsPerHour: (withSignals.requestsPerHour ?? Infinity) <= 60,
    nothingMissed: withSignals.missed === 0,
  };
  const summary = {
    bench: 'mpris-session',
    summary: true,
    seed,
    latencyMs: options.latencyMs ?? 0,
    events: events.map((e) => e.kind).join(','),
    naturalTrackChanges: boundaries.length,
    policy: { windowPlayingMs: POLICY.windowPlayingMs, windowLocalHintsMs: POLICY.windowLocalHintsMs },
    targets,
    allTargetsMet: Object.values(targets).every(Boolean),
    wallMs: Math.round(wallMs),
  };
  if (options.record !== false) writeResults('mpris-session', [...rows, summary]);
  return { rows, summary };
}

if (isEntry('mpris-session.ts')) {
  const latencyArg = process.argv.find((a) => a.startsWith('--latency='));
  const result = await run(latencyArg ? { latencyMs: Number(latencyArg.slice('--latency='.length)) || 0 } : {});
  for (const row of result.rows as unknown[]) console.log(JSON.stringify(row));
  console.log(JSON.stringify(result.summary));
}
