import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';

import { contract } from '../../shared/contract';
import { createDispatcher, type Dispatcher } from '../../shared/ipc/dispatcher';
import { ok } from '../../shared/result';
import { memorySink, RootLogger } from '../logging/logger';
import { appStateFixture } from '../testing/app-state-fixture';

import { serveOverWebSocket } from './ws-contract-server';

const small = { player: { seek: contract.player.seek }, app: { onState: contract.app.onState } } as const;

let server: Server;
let origin: string;
let dispatcher: Dispatcher<typeof small>;
let logs: string[];
let closeWs: () => Promise<void>;
const SECRET = 'test-launch-secret-0123456789';

beforeEach(async () => {
  const captured = memorySink();
  logs = captured.lines;
  const logger = new RootLogger({ sink: captured.sink });
  dispatcher = createDispatcher(small, { player: { seek: () => ok(null) }, app: {} }, logger.scope('ipc'));
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const port = (server.address() as AddressInfo).port;
  closeWs = serveOverWebSocket(server, dispatcher, { allowedOrigin: () => origin, port: () => port, secret: SECRET, log: logger.scope('ws') }).close;
});

afterEach(async () => {
  await closeWs();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const connect = (from = origin) =>
  new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/contract?key=${SECRET}`, { origin: from });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });

const nextFrame = (socket: WebSocket) =>
  new Promise<unknown>((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));

describe('WebSocket contract server', () => {
  it('answers a valid call with the handler result', async () => {
    const socket = await connect();
    socket.send(JSON.stringify({ t: 'call', id: 1, ch: 'player:seek', p: { positionMs: 1000 } }));
    expect(await nextFrame(socket)).toEqual({ t: 'reply', id: 1, r: { ok: true, value: null } });
    socket.close();
  });

  it('answers an invalid payload with a typed error and logs it', async () => {
    const socket = await connect();
    socket.send(JSON.stringify({ t: 'call', id: 7, ch: 'player:seek', p: { positionMs: 'soon' } }));
    const reply = (await nextFrame(socket)) as { r: { ok: boolean; error: { code: string } } };
    expect(reply.r.ok).toBe(false);
    expect(reply.r.error.code).toBe('invalid_payload');
    expect(logs.some((line) => line.includes('rejected invalid payload'))).toBe(true);
    socket.close();
  });

  it('answers a malformed frame that has an id, and survives non-JSON', async () => {
    const socket = await connect();
    socket.send('{not json');
    socket.send(JSON.stringify({ t: 'bogus', id: 3 }));
    const reply = (await nextFrame(socket)) as { id: number; r: { error: { code: string } } };
    expect(reply).toMatchObject({ id: 3, r: { error: { code: 'invalid_payload' } } });
    socket.send(JSON.stringify({ t: 'call', id: 4, ch: 'nope:nothing', p: null }));
    expect(await nextFrame(socket)).toMatchObject({ id: 4, r: { ok: false, error: { code: 'unknown_channel' } } });
    socket.close();
  });

  it('refuses connections from other origins', async () => {
    await expect(connect('http://evil.example')).rejects.toThrow();
    expect(logs.some((line) => line.includes('refused a WebSocket connection'))).toBe(true);
  });

  it('rate limits each socket on its own token bucket, and refills over time', async () => {
    let now = 0;
    const limited = createServer();
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    const port = (limited.address() as AddressInfo).port;
    const at = `http://127.0.0.1:${port}`;
    const logger = new RootLogger({ sink: () => undefined });
    const ws = serveOverWebSocket(limited, dispatcher, {
      allowedOrigin: () => at,
      port: () => port,
      secret: SECRET,
      log: logger.scope('ws'),
      limits: { burst: 10, perSecond: 5, maxRefusedInRow: 1000 },
      now: () => now,
    });
    const socket = await new Promise<WebSocket>((resolve, reject) => {
      const s = new WebSocket(`ws://127.0.0.1:${port}/contract?key=${SECRET}`, { origin: at });
      s.once('open', () => resolve(s));
      s.once('error', reject);
    });
    const replies: Array<{ id: number; ok: boolean; code?: string }> = [];
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { id: number; r: { ok: boolean; error?: { code: string } } };
      replies.push({ id: frame.id, ok: frame.r.ok, code: frame.r.error?.code });
    });
    const burst = async (from: number, count: number, expected: number): Promise<void> => {
      for (let id = from; id < from + count; id += 1) socket.send(JSON.stringify({ t: 'call', id, ch: 'player:seek', p: { positionMs: id } }));
      await vi.waitFor(() => expect(replies.length).toBe(expected));
    };
    await burst(1, 30, 30);
    expect(replies.filter((r) => r.ok)).toHaveLength(10);
    expect(replies.filter((r) => r.code === 'rate_limited')).toHaveLength(20);
    now += 1000; // five more tokens
    await burst(100, 8, 38);
    expect(replies.slice(30).filter((r) => r.ok)).toHaveLength(5);
    socket.close();
    await ws.close();
    await new Promise<void>((resolve) => limited.close(() => resolve()));
  });

  it('refuses upgrades without the secret, with a wrong Host, or past the connection cap', async () => {
    const attempt = (url: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve) => {
        const s = new WebSocket(url, { origin, headers });
        s.once('open', () => resolve(101));
        s.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        s.once('error', () => resolve(0));
      });
    const base = `${origin.replace('http', 'ws')}/contract`;
    expect(await attempt(base)).toBe(401);
    expect(await attempt(`${base}?key=${SECRET}x`)).toBe(401);
    expect(await attempt(`${base}?key=${SECRET}`, { host: 'evil.example' })).toBe(403);
    expect(await attempt(`${origin.replace('http', 'ws')}/other?key=${SECRET}`)).toBe(404);
    expect(logs.join('\n')).not.toContain(SECRET);
  });

  it('pushes events to connected pages', async () => {
    const socket = await connect();
    const frame = nextFrame(socket);
    const state = appStateFixture({ rev: 2 });
    dispatcher.emit('app', 'onState', state);
    expect(await frame).toEqual({ t: 'event', ch: 'app:onState', p: state });
    socket.close();
  });
});
