import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from './index';
import { harness, login } from './testing/harness';

// Over real loopback HTTP: same behaviour as the in-process fetch, plus socket-level faults.

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function served(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  const server = await h.sim.listen(0);
  closers.push(server.close);
  return { ...h, url: server.url };
}

describe('listen()', () => {
  it('serves on a free loopback port and updates baseUrl', async () => {
    const { sim, url } = await served();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.baseUrl).toBe(url);
    const tokens = await login(sim);
    const res = await fetch(`${url}/v1/me/player`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { item: { album: { images: Array<{ url: string }> } } };
    expect(body.item.album.images[0]?.url.startsWith(`${url}/art/`)).toBe(true);
  });

  it('serves generated album art as PNG', async () => {
    const { sim, url } = await served();
    const tokens = await login(sim);
    const state = (await (await fetch(`${url}/v1/me/player`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json()) as {
      item: { album: { images: Array<{ url: string; width: number }> } };
    };
    const image = state.item.album.images.find((i) => i.width === 300)!;
    const res = await fetch(image.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(16)).toBe(300);
    expect(view.getUint32(20)).toBe(300);
    expect((await fetch(`${url}/art/album/nope/300.png`)).status).toBe(404);
  });

  it('a connection reset destroys the socket: fetch rejects', async () => {
    const { sim, url } = await served();
    sim.control.injectFault({ resets: 1 });
    await expect(fetch(`${url}/v1/me`)).rejects.toThrow(TypeError);
    expect((await fetch(`${url}/v1/me`)).status).toBe(401);
  });

  it('refuses oversized bodies with 413', async () => {
    const { url } = await served();
    const res = await fetch(`${url}/v1/me/player/play`, { method: 'PUT', body: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { status: number } }).error.status).toBe(413);
  });

  it('exposes the control API under /__control', async () => {
    const { url } = await served();
    const post = (path: string, body: unknown): Promise<Response> => fetch(`${url}/__control${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post('/external', { type: 'pause' })).status).toBe(204);
    expect(((await (await fetch(`${url}/__control/state`)).json()) as { isPlaying: boolean }).isPlaying).toBe(false);
    expect((await post('/clock/advance', { ms: 1000 })).status).toBe(204);
    expect((await post('/playing', { kind: 'ad' })).status).toBe(204);
    expect((await post('/faults', { serverErrors: { count: 1, status: 503 } })).status).toBe(204);
    expect((await fetch(`${url}/v1/me`)).status).toBe(503);
    expect((await post('/scenario', { product: 'gold' })).status).toBe(400);
    expect((await post('/scenario', { product: 'free', rateLimitPer30s: 10 })).status).toBe(204);
    expect(((await (await fetch(`${url}/__control/scenario`)).json()) as { product: string }).product).toBe('free');
    expect((await post('/external', { type: 'fly' })).status).toBe(400);
    const counters = (await (await fetch(`${url}/__control/counters`)).json()) as Record<string, number>;
    expect(counters['GET /v1/me']).toBe(1);
    const boundaries = (await (await fetch(`${url}/__control/track-boundaries?from=0&to=${Date.UTC(2030, 0)}`)).json()) as unknown[];
    expect(Array.isArray(boundaries)).toBe(true);
  });

  it('approves a consent over the control API', async () => {
    const { url } = await served();
    const { authorizeUrl, newPkce } = await import('./testing/harness');
    const res = await fetch(`${url}/__control/approve`, { method: 'POST', body: JSON.stringify({ url: authorizeUrl(url, newPkce()) }) });
    const { location } = (await res.json()) as { location: string };
    expect(new URL(location).searchParams.get('code')).toBeTruthy();
  });

  it('demo mode: no control API', async () => {
    const sim = createSimulator({ controlApi: false });
    const server = await sim.listen(0);
    closers.push(server.close);
    expect((await fetch(`${server.url}/__control/state`)).status).toBe(404);
    expect((await sim.fetch(`${server.url}/__control/state`)).status).toBe(404);
  });
});
