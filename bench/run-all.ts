import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { run as authSoak } from './auth-soak';
import { run as firstPaint } from './first-paint';
import { run as mprisBus } from './mpris-bus';
import { run as mprisSession } from './mpris-session';
import { run as commandOverhead } from './playback-command-overhead';
import { run as rateLimitStorm } from './playback-rate-limit';
import { run as listeningSession } from './playback-session';
import { run as shellCommandLatency } from './shell-command-latency';
import { run as simulatorThroughput } from './simulator-throughput';
import { run as wsFlood } from './ws-flood';

// `npm run bench`: every benchmark, one JSON line each, also written to bench/results/latest.json.
const benches: ReadonlyArray<readonly [string, () => Promise<Record<string, unknown>>]> = [
  ['simulator-throughput', simulatorThroughput],
  ['auth-soak', authSoak],
  ['playback-session', listeningSession],
  ['playback-command-overhead', commandOverhead],
  ['playback-rate-limit', rateLimitStorm],
  ['shell-command-latency', shellCommandLatency],
  ['ws-flood', wsFlood],
  ['mpris-session', mprisSession],
  ['mpris-bus', mprisBus],
  ['first-paint', () => firstPaint()],
];

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const all: Record<string, unknown>[] = [];
for (const [name, run] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = performance.now();
  const result = await run();
  const line = { bench: name, seconds: Number(((performance.now() - started) / 1000).toFixed(2)), ...result };
  all.push(line);
  console.log(JSON.stringify(line));
}
const dir = join(process.env.TRAYPLAY_ROOT ?? process.cwd(), 'bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), `${JSON.stringify({ at: new Date().toISOString(), results: all }, null, 2)}\n`);
