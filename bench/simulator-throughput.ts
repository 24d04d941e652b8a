import { pathToFileURL } from 'node:url';
import { createSimulator } from '../simulator/index';
import { login } from '../simulator/testing/harness';

// Requests per second of GET /v1/me/player, in-process and over HTTP loopback, so we know the simulator
// is never the bottleneck of another benchmark. Bounded in count and time; stops by itself.

interface Phase {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const MAX_REQUESTS_IN_PROCESS = 20_000;
const MAX_REQUESTS_HTTP = 5_000;
const MAX_SECONDS = 3;
const HTTP_CONCURRENCY = 8;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0) * 1000) / 1000;
}

async function measure(call: () => Promise<Response>, maxRequests: number, concurrency: number): Promise<Phase> {
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + MAX_SECONDS * 1000;
  const worker = async (): Promise<void> => {
    while (issued < maxRequests && performance.now() < deadline) {
      issued += 1;
      const t0 = performance.now();
      const res = await call();
      await res.arrayBuffer();
      if (res.status !== 200) errors += 1;
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: Math.round(seconds * 1000) / 1000,
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const sim = createSimulator({ seed: 1 });
  const { access_token: token } = await login(sim);
  const headers = { authorization: `Bearer ${token}` };

  const inProcess = await measure(() => sim.fetch(`${sim.baseUrl}/v1/me/player`, { headers }), MAX_REQUESTS_IN_PROCESS, 1);
  const server = await sim.listen(0);
  try {
    const http = await measure(() => fetch(`${server.url}/v1/me/player`, { headers }), MAX_REQUESTS_HTTP, HTTP_CONCURRENCY);
    return { benchmark: 'simulator-throughput', endpoint: 'GET /v1/me/player', inProcess, httpLoopback: { ...http, concurrency: HTTP_CONCURRENCY } };
  } finally {
    await server.close();
  }
}

const entry = process.argv[1] ?? '';
if (/simulator-throughput\.(ts|mjs|js)$/.test(entry) || import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run(), null, 2));
}
