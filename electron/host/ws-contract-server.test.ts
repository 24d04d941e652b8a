import { createServer, type Server } from 'node:http';
import { connect as netConnect, type AddressInfo } from 'node:net';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { z } from 'zod';

import { contract } from '../../shared/contract';
import { call, event } from '../../shared/ipc/contract-kit';
import { createDispatcher, type Dispatcher } from '../../shared/ipc/dispatcher';
import { ok, type Result } from '../../shared/result';
import { memorySink, RootLogger } from '../logging/logger';
import { appStateFixture } from '../testing/app-state-fixture';

import { serveOverWebSocket } from './ws-contract-server';
import type { WsLimits } from './ws-limits';

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

// Each limit pinned by a test that fails when the limit is taken out.
const limited = { test: { slow: call(z.unknown(), z.null()), onBlob: event(z.string()) } } as const;

async function startLimited(limits: Partial<WsLimits>, now?: () => number) {
  const gates: Array<() => void> = [];
  const captured = memorySink();
  const logger = new RootLogger({ sink: captured.sink });
  const d = createDispatcher(
    limited,
    { test: { slow: () => new Promise<Result<null>>((resolve) => gates.push(() => resolve(ok(null)))) } },
    logger.scope('ipc'),
  );
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const at = `http://127.0.0.1:${port}`;
  const clients: number[] = [];
  const ws = serveOverWebSocket(http, d, {
    allowedOrigin: () => at,
    port: () => port,
    secret: SECRET,
    log: logger.scope('ws'),
    limits,
    onClients: (count) => clients.push(count),
    ...(now ? { now } : {}),
  });
  return {
    port,
    at,
    dispatcher: d,
    gates,
    clients,
    logs: captured.lines,
    close: async () => {
      await ws.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

describe('WebSocket limits', () => {
  it('maxInFlight: calls beyond it, while earlier ones are unanswered, get rate_limited at once', async () => {
    const s = await startLimited({ maxInFlight: 4, burst: 1000, perSecond: 1000 });
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${s.port}/contract?key=${SECRET}`, { origin: s.at });
      await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
      const replies: Array<{ id: number; ok: boolean; code?: string }> = [];
      socket.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { id: number; r: { ok: boolean; error?: { code: string } } };
        replies.push({ id: frame.id, ok: frame.r.ok, code: frame.r.error?.code });
      });
      for (let id = 1; id <= 10; id += 1) socket.send(JSON.stringify({ t: 'call', id, ch: 'test:slow', p: null }));
      await vi.waitFor(() => expect(replies).toHaveLength(6));
      expect(replies.every((r) => r.code === 'rate_limited')).toBe(true);
      expect(s.gates).toHaveLength(4);
      // Once they are answered, calls are served again.
      for (const open of s.gates.splice(0)) open();
      await vi.waitFor(() => expect(replies.filter((r) => r.ok).map((r) => r.id)).toEqual([1, 2, 3, 4]));
      socket.send(JSON.stringify({ t: 'call', id: 11, ch: 'test:slow', p: null }));
      await vi.waitFor(() => expect(s.gates).toHaveLength(1));
      socket.close();
    } finally {
      for (const open of s.gates.splice(0)) open();
      await s.close();
    }
  });

  it('maxBufferedBytes: a peer that stops reading is dropped instead of growing our memory', async () => {
    const s = await startLimited({ maxBufferedBytes: 64 * 1024 });
    const peer = netConnect(s.port, '127.0.0.1');
    try {
      await new Promise((resolve) => peer.once('connect', resolve));
      peer.write(
        `GET /contract?key=${SECRET} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nOrigin: ${s.at}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      await new Promise((resolve) => peer.once('data', resolve));
      peer.pause(); // never reads again: the kernel buffers fill, then the server's own queue grows
      await vi.waitFor(() => expect(s.clients.at(-1)).toBe(1));
      const blob = 'x'.repeat(256 * 1024);
      // 50 MB offered; far more than the socket buffers take, so without the limit it all queues in the host.
      for (let i = 0; i < 200 && s.clients.at(-1) === 1; i += 1) s.dispatcher.emit('test', 'onBlob', blob);
      await vi.waitFor(() => expect(s.clients.at(-1)).toBe(0));
    } finally {
      peer.destroy();
      await s.close();
    }
  });

  it('refusal log budget: at most 20 refused upgrades logged per minute, then the count of those dropped', async () => {
    let now = 0;
    const s = await startLimited({}, () => now);
    const refuse = () =>
      new Promise<void>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${s.port}/contract`, { origin: s.at }); // no key: 401
        socket.once('unexpected-response', () => (socket.terminate(), resolve()));
        socket.once('error', () => resolve());
      });
    const refusedLines = () => s.logs.filter((line) => line.includes('refused a WebSocket connection'));
    try {
      for (let i = 0; i < 25; i += 1) await refuse();
      expect(refusedLines()).toHaveLength(20);
      now += 60_000;
      await refuse();
      expect(refusedLines()).toHaveLength(21);
      expect(s.logs.find((line) => line.includes('log lines dropped'))).toContain('"dropped":5');
    } finally {
      await s.close();
    }
  });
});
