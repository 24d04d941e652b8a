import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { APP_ORIGIN } from '../windows/app-origin';

import { rendererCsp } from './csp';
import { createStaticHandler, safeSegments, type StaticHandler } from './static-handler';

// Attacks on the app:// handler (the same function the headless host serves over HTTP): every one must
// end in a 4xx that carries nothing from outside dist/renderer.

let dir: string;
let handler: StaticHandler;
const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT';
const CSP = rendererCsp({ shell: 'electron', demoArtOrigin: null });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trayplay-app-'));
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="connect-src ws://127.0.0.1:*"><title>t</title></head><body></body></html>',
  );
  writeFileSync(join(root, 'mini.html'), '<!doctype html><html><head></head><body>mini</body></html>');
  writeFileSync(join(root, 'assets', 'main-abc.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'main-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'notes.txt'), 'unknown type');
  writeFileSync(join(dir, 'secret.json'), JSON.stringify({ SECRET }));
  writeFileSync(join(dir, 'renderer-evil.html'), SECRET);
  symlinkSync(join(dir, 'secret.json'), join(root, 'assets', 'link.json'));
  handler = createStaticHandler({ root, origin: APP_ORIGIN, csp: () => CSP });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit): Promise<Response> => handler(new Request(url, init));

describe('app:// handler — what it serves', () => {
  it('serves the pages with the shell CSP as header and as the only meta policy', async () => {
    const response = await get(`${APP_ORIGIN}/index.html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    // The build's looser meta policy (ws://127.0.0.1:*) is replaced, not left to intersect.
    expect(html).not.toContain('ws://127.0.0.1:*');
    expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(html).toContain("connect-src 'none'");
  });

  it('gives scripts, styles and the root the right types', async () => {
    expect((await get(`${APP_ORIGIN}/assets/main-abc.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get(`${APP_ORIGIN}/assets/main-abc.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get(`${APP_ORIGIN}/`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await get(`${APP_ORIGIN}/mini.html`)).status).toBe(200);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(`${APP_ORIGIN}/index.html`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get(`${APP_ORIGIN}/index.html`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('app:// handler — attacks', () => {
  const attacks = [
    '/../secret.json',
    '/assets/../../secret.json',
    '/%2e%2e/secret.json',
    '/%2E%2E/%2e%2e/secret.json',
    '/..%2fsecret.json',
    '/..%2Fsecret.json',
    '/assets/..%2f..%2fsecret.json',
    '/..%5csecret.json',
    '/%2e%2e%5csecret.json',
    '/assets%2f..%2f..%2fsecret.json',
    '//secret.json',
    '/assets//main-abc.js',
    '/index.html%00.js',
    '/%252e%252e/secret.json',
    '/C:%5cWindows%5cwin.ini',
    '/%c0%ae%c0%ae/secret.json',
    '/%',
    '/assets/link.json',
    '/assets/notes.txt',
    '/nothing-here.js',
    '/assets',
  ];
  for (const path of attacks) {
    it(`refuses ${path}`, async () => {
      const response = await get(`${APP_ORIGIN}${path}`);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toContain(SECRET);
    });
  }

  it('refuses requests naming another origin (absolute-form, other scheme, host or port)', async () => {
    for (const url of [
      'app://evil/index.html',
      'app://trayplay.evil/index.html',
      'http://127.0.0.1:1/index.html',
      'file:///etc/passwd',
      'APP://TRAYPLAY.:443/index.html',
    ]) {
      expect((await get(url)).status, url).toBe(403);
    }
  });

  it('never reads outside the root, whatever the path (property)', async () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '.%2e', '%2f', '%5c', '%00', '', 'assets', 'index.html', 'secret.json', '%252e'),
      fc.string({ maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 6 }), async (segments) => {
        let response: Response;
        try {
          response = await get(`${APP_ORIGIN}/${segments.join('/')}`);
        } catch {
          return; // not even a URL: nothing was read
        }
        expect(await response.text()).not.toContain(SECRET);
      }),
      { numRuns: 300 },
    );
  });

  it('safeSegments refuses every encoded separator and dot segment', () => {
    expect(safeSegments('/assets/main.js')).toEqual(['assets', 'main.js']);
    expect(safeSegments('/')).toEqual(['index.html']);
    for (const bad of ['/a/%2e%2e/b', '/a%2fb', '/a%5cb', '/a/./b', '//a', '/a%00', 'relative', '/%zz']) {
      expect(safeSegments(bad), bad).toBeNull();
    }
  });
});
