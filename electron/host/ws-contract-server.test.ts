import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

  it('pushes events to connected pages', async () => {
    const socket = await connect();
    const frame = nextFrame(socket);
    const state = appStateFixture({ rev: 2 });
    dispatcher.emit('app', 'onState', state);
    expect(await frame).toEqual({ t: 'event', ch: 'app:onState', p: state });
    socket.close();
  });
});
