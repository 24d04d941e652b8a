import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { WebSocket } from 'ws';

import { startHost } from '../electron/host/host';
import { DEFAULT_WS_LIMITS, type WsLimits } from '../electron/host/ws-limits';

// A local peer floods the web preview's WebSocket with 20,000 calls as fast as it can send them, once with
// the limits off (how the host behaved before) and once with the defaults. Reports the host's heap and RSS
// growth, how many calls it ran, and how the flood ended. Bounded: stops when the socket closes or all
// replies are in, or after 15 s.

const CALLS = 20_000;
const UNLIMITED: WsLimits = {
  maxConnections: 1000,
  burst: Number.MAX_SAFE_INTEGER,
  perSecond: Number.MAX_SAFE_INTEGER,
  maxInFlight: Number.MAX_SAFE_INTEGER,
  maxRefusedInRow: Number.MAX_SAFE_INTEGER,
  maxBufferedBytes: Number.MAX_SAFE_INTEGER,
  refusalLogsPerMinute: Number.MAX_SAFE_INTEGER,
};

interface Phase {
  served: number;
  rateLimited: number;
  closedWith: number | null;
  seconds: number;
  heapGrowthMb: number;
  rssGrowthMb: number;
  peakHeapMb: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function flood(limits: WsLimits): Promise<Phase> {
  const dir = mkdtempSync(join(tmpdir(), 'trayplay-bench-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  const host = await startHost({ rendererDir: renderer, userDataDir: join(dir, 'data'), logSink: () => undefined, wsLimits: limits });
  try {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
    const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/contract${new URL(host.url).hash.replace('#', '?')}`, { origin: host.origin });
    await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
    let served = 0;
    let rateLimited = 0;
    let closedWith: number | null = null;
    const started = performance.now();
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 15_000);
      socket.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { t: string; r?: { ok: boolean; error?: { code: string } } };
        if (frame.t !== 'reply') return;
        if (frame.r?.ok) served += 1;
        else if (frame.r?.error?.code === 'rate_limited') rateLimited += 1;
        if (served + rateLimited >= CALLS) {
          clearTimeout(timer);
          resolve();
        }
      });
      socket.once('close', (code) => ((closedWith = code), clearTimeout(timer), resolve()));
    });
    for (let id = 1; id <= CALLS; id += 1) socket.send(JSON.stringify({ t: 'call', id, ch: 'app:getState' }));
    await done;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const after = process.memoryUsage();
    peakHeap = Math.max(peakHeap, after.heapUsed);
    socket.terminate();
    return {
      served,
      rateLimited,
      closedWith,
      seconds: Math.round(seconds * 100) / 100,
      heapGrowthMb: mb(peakHeap - before.heapUsed),
      rssGrowthMb: mb(after.rss - before.rss),
      peakHeapMb: mb(peakHeap),
    };
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const unlimited = await flood(UNLIMITED);
  const limited = await flood(DEFAULT_WS_LIMITS);
  return { calls: CALLS, limits: DEFAULT_WS_LIMITS, unlimited, limited };
}

const entry = process.argv[1] ?? '';
if (/ws-flood\.(ts|mjs|js)$/.test(entry) || import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify({ bench: 'ws-flood', ...(await run()) }));
}
