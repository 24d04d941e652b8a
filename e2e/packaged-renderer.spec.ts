// The renderer from the packaged layout, in Chromium: the built main bundle runs against the Electron double,
// and the pages are served by whatever the app registered for its windows (its app:// handler, or the built
// files) with the app's headers and CSP, talking through the real built preload to the double's ipcMain. A
// blank window — a script the CSP or the scheme blocks, a wrong relative path — fails here.
import { readFileSync } from 'node:fs';

import { expect, test, type Page, type Route } from '@playwright/test';

import { ensureBuilt, PRELOAD_BUNDLE } from '../electron/testing/electron-double/boot-runner';
import { bootInProcess, type InProcessApp } from '../electron/testing/electron-double/in-process';
import type { WebContentsDouble } from '../electron/testing/electron-double/web-contents';

/** Chromium cannot open a custom scheme here: the page lives at this origin and every request goes to the app. */
const STAND_IN = 'https://trayplay.test';

let app: InProcessApp;

test.beforeAll(async () => {
  ensureBuilt();
  app = await bootInProcess();
});

test.afterAll(async () => {
  await app?.quit();
});

/** How the app answers a request for one of its page URLs: its protocol handler, else the file itself. */
async function answer(pageUrl: URL, path: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const ses = app.double.sessions.session.defaultSession;
  const target = new URL(path, pageUrl);
  let status: number;
  let headers: Record<string, string>;
  let body: Buffer;
  const scheme = target.protocol.slice(0, -1);
  if (ses.protocol.isProtocolHandled(scheme)) {
    const response = await ses.protocol.request(target.href);
    status = response.status;
    headers = Object.fromEntries(response.headers.entries());
    body = Buffer.from(await response.arrayBuffer());
  } else {
    throw new Error(`the app loads its pages from ${target.href}, which this spec cannot serve`);
  }
  // Response headers pass the session's onHeadersReceived hook, as in Electron.
  const hooked = await ses.webRequest.applyHeadersReceived(target.href, Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])));
  return { status, headers: Object.fromEntries(Object.entries(hooked.headers).map(([k, v]) => [k, v.join(', ')])), body };
}

/** The real preload, run in the page with an ipcRenderer that crosses to the double's ipcMain. */
async function attach(page: Page, contents: WebContentsDouble): Promise<{ address: string; violations: () => Promise<string[]> }> {
  const pageUrl = new URL(contents.getURL());
  // A file:// page is opened as one, so Chromium applies its file rules (the fuse leaves it no extra rights).
  const address = pageUrl.protocol === 'file:' ? pageUrl.href : `${STAND_IN}${pageUrl.pathname}`;
  if (pageUrl.protocol !== 'file:') {
    await page.context().route(`${STAND_IN}/**`, async (route: Route) => {
      const url = new URL(route.request().url());
      const { status, headers, body } = await answer(pageUrl, `.${url.pathname}`);
      await route.fulfill({ status, headers, body });
    });
  }
  await page.exposeBinding('__trayplayIpc', async (_source, kind: 'invoke' | 'send', channel: string, payload: unknown) => {
    if (kind === 'invoke') return app.double.ipcMain.invoke(contents, contents.mainFrame, channel, payload);
    app.double.ipcMain.send(contents, contents.mainFrame, channel, payload);
    return null;
  });
  const send = contents.send.bind(contents);
  contents.send = (channel: string, ...args: unknown[]) => {
    send(channel, ...args);
    void page.evaluate(([c, p]) => (window as unknown as { __trayplayDeliver(c: string, p: unknown): void }).__trayplayDeliver(c, p), [channel, args[0]] as const).catch(() => undefined);
  };
  await page.addInitScript((preload: string) => {
    const w = window as unknown as Record<string, unknown>;
    const violations: string[] = [];
    w.__cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
    const ipc = w.__trayplayIpc as (kind: string, channel: string, payload: unknown) => Promise<unknown>;
    const ipcRenderer = {
      invoke: (channel: string, payload: unknown) => ipc('invoke', channel, payload),
      send: (channel: string, payload: unknown) => void ipc('send', channel, payload),
      on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(fn);
      },
      removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => listeners.get(channel)?.delete(fn),
    };
    w.__trayplayDeliver = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((fn) => fn({}, payload));
    const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => Object.defineProperty(window, key, { value: api }) };
    const sandboxRequire = (name: string): unknown => {
      if (name === 'electron') return { ipcRenderer, contextBridge, webFrame: {} };
      throw new Error(`module not found: ${name}`);
    };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the built preload, run as Electron runs a sandboxed one
    const run = new Function('require', 'process', 'Buffer', 'global', 'exports', 'module', preload) as (...args: unknown[]) => void;
    const module = { exports: {} };
    run(sandboxRequire, { platform: 'linux', versions: {}, env: {} }, undefined, window, module.exports, module);
  }, readFileSync(PRELOAD_BUNDLE, 'utf8'));
  return {
    address,
    // zod probes `try { Function('') } catch {}` once (allowsEval) and falls back when the CSP refuses it:
    // that report is expected under script-src 'self'; any other violation is a broken page.
    violations: async () =>
      (await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).filter((v) => v !== 'script-src eval'),
  };
}

/**
 * The stand-in origin is a public https name to Chromium, so its local-network-access rule refuses the demo
 * album art on the simulator's loopback port; the app's own scheme is not subject to it. Only those lines are
 * set aside (art is decoration: the page renders without it).
 */
const standInArtefact = (line: string): boolean => /127\.0\.0\.1:\d+\/art\//.test(line) || line === 'console: Failed to load resource: net::ERR_FAILED';

function watch(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  return { problems };
}

const windowShowing = (page: 'index.html' | 'mini.html'): WebContentsDouble => {
  const win = app.double.windows.BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().endsWith(page));
  if (!win) throw new Error(`no window shows ${page}`);
  return win.webContents;
};

test('the main window renders from the packaged layout under the app CSP, talking to main through the preload', async ({ page }) => {
  const watched = watch(page);
  const bridge = await attach(page, windowShowing('index.html'));
  await page.goto(bridge.address);
  await expect(page.getByTestId('auth-state'), watched.problems.join('\n')).toHaveAttribute('data-kind', 'demo');
  await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
  expect(await bridge.violations()).toEqual([]);
  expect(watched.problems.filter((p) => !standInArtefact(p))).toEqual([]);
});

test('the mini-player renders from the packaged layout too', async ({ page }) => {
  const watched = watch(page);
  const bridge = await attach(page, windowShowing('mini.html'));
  await page.goto(bridge.address);
  await expect(page.getByTestId('mini-player'), watched.problems.join('\n')).toBeVisible();
  expect(await bridge.violations()).toEqual([]);
  expect(watched.problems.filter((p) => !standInArtefact(p))).toEqual([]);
});
