import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Page } from '@playwright/test';

import { rendererCsp } from '../electron/net/csp';
import { createStaticHandler } from '../electron/net/static-handler';
import { APP_ORIGIN } from '../electron/windows/app-origin';

import { expect, test } from './host-fixture';

// The Electron window's page load, as close as Chromium without Electron gets: the built renderer served by
// the very handler `protocol.handle('app', …)` uses (it answers as app://trayplay), under the Electron CSP
// (no connect-src at all), with the real built preload (dist/electron/preload.cjs) given a stand-in for
// ipcRenderer that calls main's real dispatcher. If the pages were blank in Electron, they are blank here.

const RENDERER = resolve('dist/renderer');
const PRELOAD = readFileSync(resolve('dist/electron/preload.cjs'), 'utf8');

/** HTTP in front of the app:// handler: each request is handed over as `app://trayplay/<path>`. */
async function serveAsAppScheme(csp: () => string): Promise<{ url: string; server: Server }> {
  const handler = createStaticHandler({ root: RENDERER, origin: APP_ORIGIN, csp });
  const server = createServer((request, response) => {
    void handler(new Request(`${APP_ORIGIN}${request.url ?? '/'}`, { method: request.method })).then(async (answer) => {
      const headers: Record<string, string> = {};
      answer.headers.forEach((value, name) => (headers[name] = value));
      response.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The built preload, run in the page with `electron` replaced by a bridge to the test (i.e. to main). */
async function installPreload(page: Page, dispatch: { call(ch: string, p: unknown): Promise<unknown>; command(ch: string, p: unknown): void }): Promise<void> {
  await page.exposeBinding('__trayplayInvoke', (_source, channel: string, payload: unknown) => dispatch.call(channel, payload));
  await page.exposeBinding('__trayplaySend', (_source, channel: string, payload: unknown) => dispatch.command(channel, payload));
  await page.addInitScript((source: string) => {
    const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
    const w = window as unknown as Record<string, unknown>;
    w.__trayplayEmit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((fn) => fn({}, payload));
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => Object.defineProperty(window, name, { value: api }) },
      ipcRenderer: {
        invoke: (channel: string, payload: unknown) => (w.__trayplayInvoke as (c: string, p: unknown) => Promise<unknown>)(channel, payload),
        send: (channel: string, payload: unknown) => void (w.__trayplaySend as (c: string, p: unknown) => Promise<unknown>)(channel, payload),
        on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
          const set = listeners.get(channel) ?? new Set();
          listeners.set(channel, set);
          set.add(fn);
        },
        removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => listeners.get(channel)?.delete(fn),
      },
    };
    const module = { exports: {} };
    const require = (name: string): unknown => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const run = new Function('require', 'module', 'exports', source) as (r: typeof require, m: typeof module, e: unknown) => void;
    run(require, module, module.exports);
  }, PRELOAD);
}

test('the built renderer over the app:// handler, under the Electron CSP, shows now-playing and its art', async ({ host, page }) => {
  const app = await host.start();
  const csp = (): string => rendererCsp({ shell: 'electron', demoArtOrigin: app.services.demoArtOrigin() });
  const served = await serveAsAppScheme(csp);
  try {
    const ctx = { transport: 'electron', origin: 'main' } as const;
    await installPreload(page, {
      call: (channel, payload) => app.core.dispatcher.call(channel, payload, ctx),
      command: (channel, payload) => app.core.dispatcher.command(channel, payload, ctx),
    });
    const removeSink = app.core.dispatcher.addSink((channel, payload) => {
      void page.evaluate(([c, p]) => (window as unknown as { __trayplayEmit(c: string, p: unknown): void }).__trayplayEmit(c, p), [channel, payload] as const).catch(() => undefined);
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });

    const response = await page.goto(`${served.url}/index.html`);
    expect(response?.headers()['content-security-policy']).toBe(csp());
    expect(csp()).toContain("connect-src 'none'");
    await expect(page.getByTestId('auth-state')).toHaveAttribute('data-kind', 'demo');
    await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
    // The demo art loads from the simulator's exact origin, the one loopback origin the policy names.
    const art = page.getByTestId('album-art').first();
    await expect(art).toBeVisible();
    await expect.poll(() => art.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(violations).toEqual([]);

    // A pushed update reaches the page through the preload.
    const before = await page.getByTestId('now-playing-title').textContent();
    app.services.simulator.control.externalAction({ type: 'next' });
    app.services.wake();
    await expect(page.getByTestId('now-playing-title')).not.toHaveText(before ?? '');

    // The policy is live: a compromised page cannot open a socket to anything.
    const blocked = await page.evaluate(
      (target) =>
        new Promise<string>((done) => {
          document.addEventListener('securitypolicyviolation', (event) => done(event.violatedDirective), { once: true });
          try {
            new WebSocket(target);
          } catch {
            done('connect-src (thrown)');
          }
        }),
      app.origin.replace('http', 'ws'),
    );
    expect(blocked).toContain('connect-src');
    removeSink();
  } finally {
    await new Promise<void>((done) => served.server.close(() => done()));
  }
});

test('before: the same built page over file:// (no extra privileges) stays blank', async ({ page }) => {
  // What packaged builds did with grantFileProtocolExtraPrivileges off: module scripts from origin null.
  await page.goto(pathToFileURL(resolve(RENDERER, 'index.html')).href);
  await page.waitForLoadState('load');
  await expect(page.locator('#root')).toBeEmpty();
});
