import { request } from 'node:http';

import { describe, expect, it } from 'vitest';

import { startLoopbackReceiver } from '../auth/loopback-receiver';

import { isAllowedHost, isOriginFormTarget } from './host-check';

describe('Host allow-list (DNS rebinding)', () => {
  it('accepts only 127.0.0.1 on our own port', () => {
    expect(isAllowedHost('127.0.0.1:4242', 4242)).toBe(true);
    for (const host of ['localhost:4242', 'evil.example:4242', '127.0.0.1:4243', '127.0.0.1', '[::1]:4242', '127.0.0.1:4242.evil', '', undefined]) {
      expect(isAllowedHost(host, 4242), String(host)).toBe(false);
    }
    expect(isAllowedHost('127.0.0.1:0', 0)).toBe(false);
  });

  it('accepts only origin-form request targets', () => {
    expect(isOriginFormTarget('/index.html?x=1')).toBe(true);
    for (const target of ['http://evil/index.html', '//evil/x', '*', 'evil:80', '', undefined, `/${'a'.repeat(5000)}`]) {
      expect(isOriginFormTarget(target), String(target)).toBe(false);
    }
  });

  it('attack: a rebinding page cannot deliver (or probe) the loopback sign-in callback', async () => {
    const received: string[] = [];
    const started = await startLoopbackReceiver((url) => (received.push(url), { accepted: true, message: 'ok' }));
    if (!started.ok) throw new Error(started.message);
    const { port } = started.receiver;
    const get = (host: string): Promise<number> =>
      new Promise((resolve) => {
        request({ host: '127.0.0.1', port, path: '/callback?code=x&state=y', headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        }).end();
      });
    try {
      expect(await get(`evil.example:${port}`)).toBe(403);
      expect(received).toEqual([]);
      // Control: the browser's real redirect still lands.
      expect(await get(`127.0.0.1:${port}`)).toBe(200);
      expect(received).toHaveLength(1);
    } finally {
      await started.receiver.close();
    }
  });
});
