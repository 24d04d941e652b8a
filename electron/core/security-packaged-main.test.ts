import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import Module, { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { FileStore } from '../adapters/file-store';
import { RootLogger } from '../logging/logger';
import { SettingsStore } from '../settings/settings-store';
import { fakeElectron, fakeSafeStorageCipher, type FakeElectron } from '../testing/fake-electron';
import { TokenVault } from '../tokens/token-vault';

// The attack from the review, against the real built bundle: a user's profile holds a saved session; someone
// who can set environment variables for the app points the endpoints at a capture server, the profile
// elsewhere, and the page at another URL. A packaged build must ignore all of it.

const BUNDLE = resolve('dist/electron/main.cjs');
const CLIENT_ID = '0123456789abcdef0123456789abcdef';
const REFRESH_TOKEN = 'AQD-refresh-token-that-must-stay-home-0123456789';

const dirs: string[] = [];
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A "capture server": records every request body it receives. */
async function captureServer(): Promise<{ url: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      bodies.push(`${request.method ?? ''} ${request.url ?? ''} ${body}`);
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, server };
}

/** A profile with a Client ID and a saved session whose access token has expired: the app refreshes at once. */
async function seededProfile(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trayplay-profile-'));
  dirs.push(dir);
  const store = new FileStore(join(dir, 'trayplay.json'));
  const logger = new RootLogger({ sink: () => undefined });
  expect(new SettingsStore(store, { buildClientId: null, logger: logger.scope('settings') }).setClientId(CLIENT_ID).ok).toBe(true);
  const vault = new TokenVault({ store, cipher: fakeSafeStorageCipher, clock: { now: () => Date.now() } as never, logger: logger.scope('vault'), secrets: logger });
  const saved = await vault.save({
    clientId: CLIENT_ID,
    accessToken: 'BQ-expired-access-token-000000000000',
    accessExpiresAt: Date.now() - 60_000,
    refreshToken: REFRESH_TOKEN,
    scopes: ['user-read-playback-state'],
    authorizedAt: Date.now() - 24 * 3600_000,
    account: { id: 'ada', displayName: 'Ada' },
  });
  expect(saved.ok).toBe(true);
  return dir;
}

interface Run {
  readonly electron: FakeElectron;
  /** Every URL the app fetched (Spotify is unreachable: each one fails). */
  readonly fetched: string[];
}

/** Loads the built main.cjs as Electron would, with `electron` replaced by the fake. */
function runBuiltMain(packaged: boolean, userData: string, env: Record<string, string>): Run {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first (npm test does)`);
  const electron = fakeElectron({ packaged, userData });
  const fetched: string[] = [];
  const realFetch = globalThis.fetch;
  // Requests to the real Spotify fail here (no network); requests to loopback go through, as they would.
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    fetched.push(url);
    return url.startsWith('http://127.0.0.1') ? realFetch(input, init) : Promise.reject(new TypeError('fetch failed'));
  };
  const savedEnv = { ...process.env };
  Object.assign(process.env, env);
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const originalLoad = loader._load;
  loader._load = (request, parent, isMain) => (request === 'electron' ? electron.module : originalLoad(request, parent, isMain));
  const require = createRequire(import.meta.url);
  delete require.cache[BUNDLE];
  require(BUNDLE);
  cleanups.push(() => {
    electron.quit();
    loader._load = originalLoad;
    globalThis.fetch = realFetch;
    process.env = savedEnv;
  });
  return { electron, fetched };
}

/** Resolves once `test` holds, checking whenever the event loop turns (no fixed sleeps). */
async function until(test: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setImmediate(done));
  }
}

describe('the built main process in packaged mode ignores the test hooks', { timeout: 20_000 }, () => {
  it('keeps the profile, the endpoints and the pages: the refresh token goes to Spotify only', async () => {
    const capture = await captureServer();
    const profile = await seededProfile();
    const elsewhere = mkdtempSync(join(tmpdir(), 'trayplay-hook-'));
    dirs.push(elsewhere);
    const { electron, fetched } = runBuiltMain(true, profile, {
      TRAYPLAY_USER_DATA: elsewhere,
      TRAYPLAY_ACCOUNTS_URL: capture.url,
      TRAYPLAY_API_URL: `${capture.url}/v1`,
      VITE_DEV_SERVER_URL: `${capture.url}/`,
    });

    // The session was restored and refreshed: against the real accounts service.
    await until(() => fetched.some((url) => url === 'https://accounts.spotify.com/api/token'), 'the refresh request');
    await until(() => electron.loadedUrls.length > 0, 'a window');
    expect(capture.bodies).toEqual([]);
    expect(fetched.filter((url) => url.startsWith(capture.url))).toEqual([]);
    expect(electron.setPathCalls).toEqual([]);
    expect(electron.loadedUrls.every((url) => url.startsWith('app://trayplay/'))).toBe(true);
    // The log says which hooks were ignored, by name only.
    const logFile = join(profile, 'logs', 'main.log');
    await until(() => existsSync(logFile) && readFileSync(logFile, 'utf8').includes('refresh'), 'the log');
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('test hooks ignored');
    expect(log).not.toContain(capture.url);
    expect(log).not.toContain(REFRESH_TOKEN);
  });

  it('registers app:// as privileged before ready and serves the built pages through it', async () => {
    const profile = await seededProfile();
    const { electron } = runBuiltMain(true, profile, {});
    expect(electron.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    await until(() => electron.handlers.has('app'), 'the app:// handler');
    const handler = electron.handlers.get('app')!;
    const page = await handler(new Request('app://trayplay/index.html'));
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/ws:|127\.0\.0\.1:\*/);
    expect(await page.text()).toMatch(/<script type="module" crossorigin src="\.\/assets\/main-[\w-]+\.js">/);
    expect((await handler(new Request('app://trayplay/..%2f..%2fpackage.json'))).status).toBe(404);
  });

  it('control: unpackaged, the same hooks are honoured (so the test above can fail)', async () => {
    const capture = await captureServer();
    const profile = await seededProfile();
    const { electron } = runBuiltMain(false, profile, {
      TRAYPLAY_ACCOUNTS_URL: capture.url,
      TRAYPLAY_API_URL: `${capture.url}/v1`,
      VITE_DEV_SERVER_URL: `${capture.url}/`,
    });
    await until(() => capture.bodies.some((body) => body.startsWith('POST /api/token')), 'the refresh at the capture server');
    expect(capture.bodies.find((body) => body.startsWith('POST /api/token'))).toContain(REFRESH_TOKEN);
    await until(() => electron.loadedUrls.length > 0, 'a window');
    expect(electron.loadedUrls[0]!.startsWith(`${capture.url}/`)).toBe(true);
  });
});
