import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, expect, it } from 'vitest';

import { DEFAULT_HTTP_LIMITS } from '../net/http-limits';

import { startHost } from './host';

// Attack (review #8): the demo simulator's loopback listener (album art) answered any Host header, so a
// DNS-rebinding page could read it, and had no connection cap.
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function demoPort(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'trayplay-demo-listener-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
  const h = await startHost({ rendererDir: join(dir, 'renderer'), userDataDir: join(dir, 'user'), logSink: () => undefined, version: '0' });
  cleanups.push(() => h.close());
  const origin = h.services.demoArtOrigin();
  if (origin === null) throw new Error('demo listener not up');
  return Number(new URL(origin).port);
}

const status = (port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path: '/v1/me', headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });

it('refuses a rebinding Host header and answers only 127.0.0.1:<port>', async () => {
  const port = await demoPort();
  expect(await status(port, `127.0.0.1:${port}`)).toBe(401); // up, and the simulator
  for (const host of [`evil.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
    expect(await status(port, host), host).toBe(403);
  }
});

it('caps open connections like every other loopback listener', async () => {
  const port = await demoPort();
  const open = (): Promise<Socket> =>
    new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
      socket.on('error', () => undefined);
      cleanups.push(() => socket.destroy());
    });
  for (let i = 0; i < DEFAULT_HTTP_LIMITS.maxConnections; i++) await open();
  const extra = await open();
  const closed = await new Promise<boolean>((resolve) => {
    extra.once('close', () => resolve(true));
    extra.write(`GET /v1/me HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    extra.once('data', () => resolve(false));
  });
  expect(closed).toBe(true);
});
