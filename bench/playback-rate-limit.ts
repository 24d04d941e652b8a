import { PlaybackService } from '../electron/player/playback-service';
import { authorizedFetch, signIn, SimTokenSource } from '../electron/player/testing/sim-session';
import type { HttpFetch } from '../electron/ports/http';
import { WebApiClient } from '../electron/spotify/web-api-client';
import { ManualClock } from '../electron/testing/manual-clock';
import { createSimulator, type Simulator } from '../simulator/index';

import { isEntry, seededRandom, writeResults } from './playback-common';

// A rate-limit storm: 30 minutes with a tight rolling-window limit, two injected storms with long
// Retry-After, and a user hammering controls (volume scrolls, next presses, play/pause) throughout.
// Counts requests sent inside Retry-After windows: Trayplay must send none. lofi-style (1 s polling,
// every control sent at once, Retry-After ignored) runs in its own identical world for comparison.

interface Exchange {
  readonly at: number;
  readonly status: number;
  readonly retryAfterMs: number | null;
}

/** Records every request that reaches the simulator and what it answered. */
function recording(sim: Simulator, clock: ManualClock, log: Exchange[]): HttpFetch {
  return async (url, init) => {
    const at = clock.now();
    const response = await sim.fetch(url, init);
    if (new URL(url).pathname.startsWith('/v1/')) {
      const header = response.headers.get('retry-after');
      log.push({ at, status: response.status, retryAfterMs: header === null ? null : Number(header) * 1000 });
    }
    return response;
  };
}

function analyse(log: readonly Exchange[]) {
  const windows = log.filter((e) => e.status === 429 && e.retryAfterMs !== null).map((e) => [e.at, e.at + (e.retryAfterMs ?? 0)] as const);
  const inside = log.filter((e) => windows.some(([from, to]) => e.at > from && e.at < to)).length;
  return {
    requests: log.length,
    rateLimitedAnswers: log.filter((e) => e.status === 429).length,
    retryAfterWindows: windows.length,
    requestsInsideRetryAfter: inside,
  };
}

interface World {
  readonly sim: Simulator;
  readonly client: WebApiClient;
  readonly tokens: SimTokenSource;
  readonly log: Exchange[];
}

async function world(clock: ManualClock, limitPer30s: number): Promise<World> {
  const sim = createSimulator({ now: () => clock.now(), seed: 11 });
  sim.control.externalAction({ type: 'repeat', state: 'context' });
  const tokens = new SimTokenSource(sim, await signIn(sim));
  sim.control.setScenario({ rateLimitPer30s: limitPer30s });
  const log: Exchange[] = [];
  const client = new WebApiClient({ apiBaseUrl: `${sim.baseUrl}/v1`, fetch: authorizedFetch(recording(sim, clock, log), tokens), clock, timeoutMs: 5_000 });
  return { sim, client, tokens, log };
}

type UserAction = 'volume-scroll' | 'next-burst' | 'toggle' | 'seek';

export async function run(options: { minutes?: number; limitPer30s?: number; seed?: number; record?: boolean } = {}): Promise<Record<string, unknown>> {
  const minutes = options.minutes ?? 30;
  const limit = options.limitPer30s ?? 6;
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 21, 0, 0));
  const start = clock.now();
  const random = seededRandom(options.seed ?? 99);

  const ours = await world(clock, limit);
  const service = new PlaybackService({ api: ours.client, tokens: ours.tokens, clock, visibility: 'window' });
  service.start();

  const naive = await world(clock, limit);
  const naivePoll = (): void => {
    void naive.client.getPlaybackState();
    clock.setTimeout(naivePoll, 1_000);
  };
  naivePoll();

  const results = { ok: 0, refusedLocally: 0, failed: 0 };
  const note = (r: { ok: boolean; error?: { code: string } }): void => {
    if (r.ok) results.ok += 1;
    else if (r.error?.code === 'rate_limited') results.refusedLocally += 1;
    else results.failed += 1;
  };
  // The user: every 20–60 s, one burst of input, sent to both apps.
  const act = (): void => {
    const roll = random();
    const action: UserAction = roll < 0.35 ? 'volume-scroll' : roll < 0.6 ? 'next-burst' : roll < 0.85 ? 'toggle' : 'seek';
    const presses = action === 'volume-scroll' ? 30 : action === 'next-burst' ? 5 : 1;
    for (let i = 0; i < presses; i += 1) {
      clock.setTimeout(() => {
        switch (action) {
          case 'volume-scroll':
            void service.setVolume(40 + i).then(note);
            void naive.client.setVolume(40 + i);
            break;
          case 'next-burst':
            void service.next().then(note);
            void naive.client.next();
            break;
          case 'toggle':
            void service.togglePlay().then(note);
            void naive.client.pause();
            break;
          case 'seek':
            void service.seek(30_000).then(note);
            void naive.client.seek(30_000);
            break;
        }
      }, i * 60);
    }
    if (clock.now() - start < minutes * 60_000) clock.setTimeout(act, 20_000 + random() * 40_000);
  };
  clock.setTimeout(act, 5_000);
  // Two storms Spotify pushes on its own, with long Retry-After.
  clock.setTimeout(() => {
    ours.sim.control.injectFault({ rateLimitStorm: { retryAfterSec: 90, count: 1 } });
    naive.sim.control.injectFault({ rateLimitStorm: { retryAfterSec: 90, count: 1 } });
  }, 8 * 60_000);
  clock.setTimeout(() => {
    ours.sim.control.injectFault({ rateLimitStorm: { retryAfterSec: 300, count: 1 } });
    naive.sim.control.injectFault({ rateLimitStorm: { retryAfterSec: 300, count: 1 } });
  }, 20 * 60_000);

  await clock.advance(minutes * 60_000);
  service.stop();

  const trayplay = analyse(ours.log);
  const lofi = analyse(naive.log);
  const lines = [
    { bench: 'playback-rate-limit', client: 'trayplay-window', minutes, limitPer30s: limit, ...trayplay, commands: results },
    { bench: 'playback-rate-limit', client: 'naive-1s (lofi-style)', minutes, limitPer30s: limit, ...lofi },
    {
      bench: 'playback-rate-limit',
      summary: true,
      targetZeroRequestsInsideRetryAfter: trayplay.requestsInsideRetryAfter === 0,
      finalStateShown: service.getState().nowPlaying.kind,
    },
  ];
  if (options.record !== false) writeResults('playback-rate-limit', lines);
  return { lines };
}

if (isEntry('playback-rate-limit.ts')) {
  const result = await run();
  for (const line of result.lines as unknown[]) console.log(JSON.stringify(line));
}
