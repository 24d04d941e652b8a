import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from './index';
import { harness, login } from './testing/harness';

// Random requests at the handler: whatever arrives, the answer is Spotify's error shape (or a success),
// never a crash, a hang or a 500.

const PATHS = [
  '/v1/me', '/v1/me/player', '/v1/me/player/currently-playing', '/v1/me/player/devices', '/v1/me/player/play',
  '/v1/me/player/pause', '/v1/me/player/next', '/v1/me/player/previous', '/v1/me/player/seek', '/v1/me/player/volume',
  '/v1/me/player/shuffle', '/v1/me/player/repeat', '/v1/me/player/queue', '/v1/me/library', '/v1/me/library/contains',
  '/api/token', '/authorize', '/authorize/decision', '/art/album/x/64.png', '/v1/unknown', '/',
  // The control API is trusted, but still must not crash on nonsense (faults are left out: resets reject by design).
  '/__control/scenario', '/__control/external', '/__control/playing', '/__control/clock/advance', '/__control/track-boundaries', '/__control/state',
];
const KEYS = ['device_id', 'position_ms', 'volume_percent', 'state', 'uri', 'uris', 'additional_types', 'market', 'grant_type', 'client_id', 'code', 'redirect_uri', 'code_verifier', 'refresh_token', 'response_type', 'code_challenge', 'code_challenge_method', 'scope', 'txn', 'action'];

const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('true', 'false', '0', '-1', '100', '101', '1e3', 'NaN', 'spotify:track:4iV5W9uYEdYUVa79Axb7Rh', 'S256', 'code', 'refresh_token', 'authorization_code', DEMO_CLIENT_ID, 'trayplay://callback', 'approve'),
  fc.integer({ min: 0, max: 4000 }).map((n) => 'x'.repeat(n)),
);
const query = fc.array(fc.tuple(fc.constantFrom(...KEYS), value), { maxLength: 6 });
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.json(),
  fc.constantFrom('{', '[]', 'null', '{"uris":"x"}', '{"device_ids":[1,2]}', '{"offset":{"position":-1}}', '{"context_uri":5}', '\u0000\u00ff'),
  fc.constantFrom('{"type":"seek","positionMs":1e308}', '{"ms":1e15}', '{"kind":"ad"}', '{"product":"free"}', '{"type":"play","uris":["x"]}', '{"rateLimitPer30s":0}', '{"type":"transfer","deviceId":"nope"}'),
  fc.uint8Array({ maxLength: 300 }),
  fc.integer({ min: 60_000, max: 80_000 }).map((n) => 'a'.repeat(n)),
);

describe('fuzz: random requests', () => {
  it('always answer in Spotify’s shapes, never crash or 500', async () => {
    const { sim, base } = harness();
    const tokens = await login(sim);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.oneof(fc.constantFrom(...PATHS), fc.webPath().map((p) => `/v1${p}`)),
        query,
        body,
        fc.constantFrom<string | null>(null, `Bearer ${tokens.access_token}`, 'Bearer nope', 'Basic abc', 'Bearer '),
        fc.constantFrom<string | null>(null, 'application/json', 'application/x-www-form-urlencoded', 'text/plain'),
        async (method, path, params, rawBody, authorization, contentType) => {
          const url = new URL(path, base);
          for (const [k, v] of params) url.searchParams.append(k, v);
          const headers: Record<string, string> = {};
          if (authorization !== null) headers.authorization = authorization;
          if (contentType !== null) headers['content-type'] = contentType;
          const hasBody = rawBody !== undefined && method !== 'GET';
          const res = await sim.fetch(url.toString(), { method, headers, body: hasBody ? (typeof rawBody === 'string' ? rawBody : new Uint8Array(rawBody)) : undefined });
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(600);
          expect(res.status).not.toBe(500);
          const text = await res.text();
          if (res.status >= 400 && (res.headers.get('content-type') ?? '').includes('json')) {
            const parsed = JSON.parse(text) as { error: unknown; error_description?: unknown };
            // 414 comes from the edge, before routing: the Web API shape everywhere.
            if (['/api/token', '/authorize', '/authorize/decision'].includes(url.pathname) && res.status !== 414) {
              expect(typeof parsed.error).toBe('string');
            } else {
              const error = parsed.error as { status: number; message: string; reason?: string };
              expect(error.status).toBe(res.status);
              expect(typeof error.message).toBe('string');
            }
          }
        },
      ),
      { numRuns: 400 },
    );
    // Still healthy afterwards.
    expect(sim.control.state().devices).toHaveLength(4);
  }, 60_000);

  it('refuses URLs over 8 KiB and bodies over 64 KiB', async () => {
    const { sim, base } = harness();
    const long = await sim.fetch(`${base}/v1/me?x=${'a'.repeat(9000)}`);
    expect(long.status).toBe(414);
    const big = await sim.fetch(`${base}/api/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a'.repeat(70_000) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toBe('invalid_request');
  });
});
