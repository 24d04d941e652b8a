import { PlaybackService } from '../electron/player/playback-service';
import { authorizedFetch, signIn, SimTokenSource } from '../electron/player/testing/sim-session';
import { systemClock } from '../electron/ports/clock';
import { WebApiClient } from '../electron/spotify/web-api-client';
import { createSimulator } from '../simulator/index';

import { isEntry, percentile, round, seededRandom, writeResults } from './playback-common';

// In-process time from a command call (service.next(), .setVolume(), …) to its request leaving the Web API
// client (the moment fetch is called), over 10,000 commands against a zero-latency in-process simulator.
// Real clock, as in the app: confirming fetches run in between, as they would.

export interface OverheadOptions {
  readonly commands?: number;
  readonly warmup?: number;
  readonly seed?: number;
  /** Append to bench/results (default true; tests pass false). */
  readonly record?: boolean;
}

const COMMAND_PATHS = new Set([
  '/me/player/play',
  '/me/player/pause',
  '/me/player/next',
  '/me/player/previous',
  '/me/player/seek',
  '/me/player/volume',
  '/me/player/shuffle',
  '/me/player/repeat',
  '/me/library',
]);

export async function run(options: OverheadOptions = {}): Promise<Record<string, unknown>> {
  const total = options.commands ?? 10_000;
  const warmup = options.warmup ?? 1_000;
  const random = seededRandom(options.seed ?? 5);
  const sim = createSimulator({ seed: 3 });
  sim.control.externalAction({ type: 'repeat', state: 'context' });
  const tokens = new SimTokenSource(sim, await signIn(sim));
  let leftAt: number | null = null;
  const client = new WebApiClient({
    apiBaseUrl: `${sim.baseUrl}/v1`,
    fetch: authorizedFetch((url, init) => sim.fetch(url, init), tokens),
    clock: systemClock,
    timeoutMs: 5_000,
    onRequest: (_method, path) => {
      if (leftAt === null && COMMAND_PATHS.has(path)) leftAt = performance.now();
    },
  });
  const service = new PlaybackService({ api: client, tokens, clock: systemClock, visibility: 'window' });
  service.start();
  await service.refresh();

  const commands: Array<() => Promise<unknown>> = [
    () => service.togglePlay(),
    () => service.seek(Math.floor(random() * 60_000)),
    () => service.setVolume(Math.floor(random() * 101)),
    () => service.setShuffle(random() < 0.5),
    () => service.cycleRepeat(),
    () => service.next(),
    () => service.previous(),
    () => service.setLiked(random() < 0.5),
  ];
  const samples: number[] = [];
  let failures = 0;
  let missing = 0;
  for (let i = 0; i < total + warmup; i += 1) {
    const command = commands[i % commands.length];
    if (!command) continue;
    leftAt = null;
    const calledAt = performance.now();
    const result = (await command()) as { ok: boolean };
    if (!result.ok) failures += 1;
    if (i < warmup) continue;
    if (leftAt === null) missing += 1;
    else samples.push(leftAt - calledAt);
  }
  service.stop();
  const line = {
    bench: 'playback-command-overhead',
    commands: total,
    warmup,
    measured: samples.length,
    noRequest: missing,
    failedCommands: failures,
    p50Ms: round(percentile(samples, 50), 4),
    p99Ms: round(percentile(samples, 99), 4),
    maxMs: round(percentile(samples, 100), 4),
    targetP99Under2Ms: (percentile(samples, 99) ?? Infinity) < 2,
  };
  if (options.record !== false) writeResults('playback-command-overhead', [line]);
  return line;
}

if (isEntry('playback-command-overhead.ts')) console.log(JSON.stringify(await run()));
