import { request } from 'node:http';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { startLoopbackReceiver } from '../auth/loopback-receiver';

import { rendererCsp } from './csp';
import { isAllowedHost, isOriginFormTarget, loopbackHttpOrigin } from './host-check';

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
    if (!started.ok) throw new Error(started.error);
    const { port } = started.value;
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
      await started.value.close();
    }
  });
});

describe('Host allow-list on the scheme\'s default port (--port 80)', () => {
  // Every listener here is plain http: browsers drop `:80` from Host and Origin, and keep `:443`.
  it('accepts 127.0.0.1 with and without :80 when listening on 80, and the page origin drops the default port', () => {
    expect(isAllowedHost('127.0.0.1', 80)).toBe(true);
    expect(isAllowedHost('127.0.0.1:80', 80)).toBe(true);
    expect(loopbackHttpOrigin(80)).toBe('http://127.0.0.1');
    expect(loopbackHttpOrigin(443)).toBe('http://127.0.0.1:443');
    expect(loopbackHttpOrigin(4242)).toBe('http://127.0.0.1:4242');
    // On 443 (not http's default) the browser keeps the port, so the bare name is still refused.
    expect(isAllowedHost('127.0.0.1:443', 443)).toBe(true);
    expect(isAllowedHost('127.0.0.1', 443)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 4242)).toBe(false);
  });

  it('the preview CSP on port 80 still lets the page reach its own WebSocket', () => {
    expect(rendererCsp({ shell: 'web', wsOrigin: loopbackHttpOrigin(80).replace('http:', 'ws:'), demoArtOrigin: null })).toContain('connect-src ws://127.0.0.1;');
  });

  const ODD = (port: number): string[] => [
    '127.0.0.1.',
    `127.0.0.1.:${port}`,
    `127.0.0.1:0${port}`,
    `127.0.0.1:${port}:${port}`,
    `127.0.0.1:${port}.`,
    `user@127.0.0.1:${port}`,
    `user:pw@127.0.0.1`,
    `[::1]:${port}`,
    '[::1]',
    `[::ffff:127.0.0.1]:${port}`,
    `LOCALHOST:${port}`,
    `localhost:${port}`,
    'localhost',
    `127.1:${port}`,
    `2130706433:${port}`,
    ` 127.0.0.1:${port}`,
    `127.0.0.1:${port} `,
    `127.0.0.1:${port}/`,
    `127.0.0.1:+${port}`,
    '127.0.0.1:',
    '',
  ];

  it('refuses odd forms of the name on the default port and on any other', () => {
    for (const port of [80, 443, 4242]) for (const host of ODD(port)) expect(isAllowedHost(host, port), `${host} on ${port}`).toBe(false);
  });

  it('property: exactly 127.0.0.1:<port>, plus bare 127.0.0.1 on port 80, is allowed', () => {
    const allowed = (port: number): string[] => [`127.0.0.1:${port}`, ...(port === 80 ? ['127.0.0.1'] : [])];
    const near = (port: number): fc.Arbitrary<string> =>
      fc
        .tuple(
          fc.constantFrom('', 'user@', 'a.', ' ', '['),
          fc.constantFrom('127.0.0.1', '127.0.0.1.', 'localhost', 'LocalHost', '[::1]', '127.000.0.1'),
          fc.constantFrom('', ':', `:${port}`, `:0${port}`, `:${port}:${port}`, ':80', ':443', `:${port + 1}`),
          fc.constantFrom('', '.', ' ', '/', '\t', ']'),
        )
        .map((parts) => parts.join(''));
    const cases = fc.constantFrom(80, 443, 8080, 65535).chain((port) => fc.tuple(fc.constant(port), fc.oneof(near(port), fc.string(), fc.constantFrom(...allowed(port)))));
    fc.assert(
      fc.property(cases, ([port, host]) => {
        expect(isAllowedHost(host, port), `${JSON.stringify(host)} on ${port}`).toBe(allowed(port).includes(host));
      }),
      { numRuns: 500 },
    );
  });
});
