import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { startLoopbackReceiverWith } from '../auth/loopback-receiver';
import type { HttpLimits } from '../net/http-limits';

import { startHost } from './host';

// Attack: exhaust a loopback listener before authentication (many idle sockets, or a slow-headers client).

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Small limits so the tests run in a few hundred milliseconds; the checker runs every 25 ms. */
const SMALL: Partial<HttpLimits> = { headersTimeoutMs: 150, requestTimeoutMs: 300, keepAliveTimeoutMs: 5000, checkIntervalMs: 25 };

async function listener(kind: 'host' | 'receiver', limits: Partial<HttpLimits>): Promise<{ port: number; host: string; path: string; wsUrl?: string; origin?: string }> {
  if (kind === 'receiver') {
    const started = await startLoopbackReceiverWith(limits)(() => ({ accepted: true, message: 'ok' }));
    if (!started.ok) throw new Error(started.error);
    cleanups.push(() => started.value.close());
    const { port } = started.value;
    return { port, host: `127.0.0.1:${port}`, path: '/nothing' };
  }
  const dir = mkdtempSync(join(tmpdir(), 'trayplay-limits-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><html><head></head><body>app</body></html>');
  const h = await startHost({ rendererDir: join(dir, 'renderer'), userDataDir: dir, logSink: () => undefined, version: '0.0.0', httpLimits: limits });
  cleanups.push(() => h.close());
  const port = Number(new URL(h.origin).port);
  return { port, host: `127.0.0.1:${port}`, path: '/index.html', wsUrl: `ws://127.0.0.1:${port}/contract?key=${new URL(h.url).hash.slice(5)}`, origin: h.origin };
}

interface RawClient {
  readonly socket: Socket;
  /** Everything received until the server closed the connection. */
  readonly closed: Promise<string>;
  /** Resolves with the first response's status line. */
  firstStatus(): Promise<string>;
}

function raw(port: number): Promise<RawClient> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    const waiters: Array<() => void> = [];
    socket.on('data', (chunk: Buffer) => {
      out += chunk.toString('latin1');
      for (const waiter of waiters.splice(0)) waiter();
    });
    socket.on('error', () => undefined);
    const closed = new Promise<string>((done) => socket.once('close', () => done(out)));
    const firstStatus = (): Promise<string> =>
      new Promise((done) => {
        const check = (): void => (out.includes('\r\n') ? done(out.split('\r\n')[0]!) : void waiters.push(check));
        check();
        void closed.then(() => done(out.split('\r\n')[0] ?? ''));
      });
    socket.once('connect', () => resolve({ socket, closed, firstStatus }));
  });
}

const request = (host: string, path: string): string => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`;

describe.each(['host', 'receiver'] as const)('attack: exhaust the %s HTTP server before authentication', (kind) => {
  it('connections beyond the cap are closed without an answer; a freed place is usable again', async () => {
    const at = await listener(kind, { ...SMALL, headersTimeoutMs: 5000, requestTimeoutMs: 10_000, maxConnections: 3 });
    // Three idle sockets (connected, nothing sent) fill the cap; the server accepts in connect order.
    const held: RawClient[] = [];
    for (let i = 0; i < 3; i += 1) held.push(await raw(at.port));
    const extra = await raw(at.port);
    extra.socket.write(request(at.host, at.path));
    expect(await extra.closed).toBe('');
    // Control: once one of the three goes, a new connection is served (the server sees the close first).
    held[0]!.socket.destroy();
    let status = '';
    for (let i = 0; i < 50 && status === ''; i += 1) {
      const again = await raw(at.port);
      again.socket.write(request(at.host, at.path));
      status = await again.firstStatus();
      again.socket.destroy();
    }
    expect(status).toMatch(/^HTTP\/1\.1 \d{3}/);
    for (const client of held) client.socket.destroy();
  });

  it('a client that sends half a request line and stalls is dropped', async () => {
    const at = await listener(kind, SMALL);
    const slow = await raw(at.port);
    slow.socket.write('GET /ind');
    // Node answers 408 and closes; without a headers timeout this waits for ever (the test times out).
    expect(await slow.closed).toMatch(/^(HTTP\/1\.1 408|)/);
    expect(slow.socket.destroyed).toBe(true);
  }, 3000);

  // The receiver answers GET at the headers and closes, so a stalled body cannot hold it: the host only.
  it.runIf(kind === 'host')('a client that sends its headers and then stalls the body is dropped', async () => {
    const at = await listener(kind, SMALL);
    const slow = await raw(at.port);
    slow.socket.write(`POST ${at.path} HTTP/1.1\r\nHost: ${at.host}\r\nContent-Length: 100\r\n\r\nab`);
    await slow.closed;
    expect(slow.socket.destroyed).toBe(true);
  }, 3000);
});

describe('the header/request timeouts do not cut an open WebSocket', () => {
  it('a page connected before a slow client was dropped is still connected and answered', async () => {
    const at = await listener('host', SMALL);
    const page = new WebSocket(at.wsUrl!, { origin: at.origin });
    await new Promise((resolve, reject) => (page.once('open', resolve), page.once('error', reject)));
    const slow = await raw(at.port);
    // Headers sent, body stalled: dropped at the request timeout, so the page's socket is older than both deadlines.
    slow.socket.write(`POST /index.html HTTP/1.1\r\nHost: ${at.host}\r\nContent-Length: 100\r\n\r\nab`);
    await slow.closed;
    expect(page.readyState).toBe(WebSocket.OPEN);
    const reply = new Promise<string>((resolve) => page.once('message', (data: Buffer) => resolve(data.toString())));
    page.send(JSON.stringify({ t: 'call', id: 1, ch: 'app:getInfo' }));
    expect(await reply).toContain('"ok":true');
    page.close();
  }, 3000);
});
