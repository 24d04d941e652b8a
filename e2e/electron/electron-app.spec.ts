import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

import { BOOT_FACTS, failedFacts } from '../../electron/testing/electron-double/boot-facts';
// @ts-expect-error: a plain .mjs helper shared with npm start, without type declarations.
import { installedElectron } from '../../scripts/electron-binary.mjs';

import { observeRealBoot } from './observe-boot';

const binary = (installedElectron as () => string | null)();

// CI sets TRAYPLAY_REQUIRE_ELECTRON: there a missing binary is a failure, not a quiet skip.
if (!binary && process.env.TRAYPLAY_REQUIRE_ELECTRON === '1') throw new Error('TRAYPLAY_REQUIRE_ELECTRON=1 but no Electron binary is installed');

test.skip(
  !binary,
  'No Electron binary is installed here (Electron ≥42 downloads it from GitHub on first run, and GitHub is unreachable). ' +
    'These specs run in the GitHub Actions workflow and on any machine where `npx install-electron --no` worked.',
);

let app: ElectronApplication;
let userData: string;

test.beforeEach(async () => {
  userData = mkdtempSync(join(tmpdir(), 'trayplay-electron-'));
  app = await electron.launch({
    executablePath: binary!,
    args: ['.', '--use-mock-keychain'],
    env: { ...process.env, TRAYPLAY_USER_DATA: userData },
  });
});

test.afterEach(async () => {
  await app.close();
  rmSync(userData, { recursive: true, force: true });
});

test('opens the main window with the preload API and the demo state', async () => {
  const page = await app.firstWindow({ timeout: 45_000 });
  await page.waitForLoadState('domcontentloaded');
  const info = await page.evaluate(async () => (await window.trayplay.app.getInfo()));
  expect(info).toMatchObject({ ok: true, value: { shell: 'electron', demo: true } });
  await expect(page.getByTestId('auth-state')).toHaveAttribute('data-kind', 'demo');
});

// The same list the double's boot test asserts on every `npm test` (electron/testing/electron-double/boot.test.ts):
// a fact that holds there and fails here means the double and real Electron disagree.
test(`shows every shared boot fact (${BOOT_FACTS.map((f) => f.id).join(', ')})`, async () => {
  const page = await app.firstWindow({ timeout: 45_000 });
  await page.waitForLoadState('domcontentloaded');
  await expect
    .poll(async () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.webContents.getURL() !== '').length), { timeout: 20_000 })
    .toBe(2);
  const root = resolve('.');
  const observation = await observeRealBoot(app, page, join(root, 'dist/electron/preload.cjs'));
  expect(
    failedFacts(observation, {
      preloadPath: join(root, 'dist/electron/preload.cjs'),
      pagePrefixes: [pathToFileURL(join(root, 'dist/renderer/')).href, 'app://'],
    }),
  ).toEqual([]);
});

test('keeps the renderer sandboxed: no Node, no raw IPC', async () => {
  const page = await app.firstWindow({ timeout: 45_000 });
  const exposed = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    ipc: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    api: Object.keys(window.trayplay).sort(),
  }));
  expect(exposed).toEqual({ require: 'undefined', process: 'undefined', ipc: 'undefined', api: ['app', 'auth', 'player', 'window'] });
});

test('answers an invalid payload with a typed error, not a crash', async () => {
  const page = await app.firstWindow({ timeout: 45_000 });
  const reply = await page.evaluate(async () =>
    window.trayplay.player.seek({ positionMs: -1 }),
  );
  expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  expect((await page.evaluate(async () => window.trayplay.app.getInfo())).ok).toBe(true);
});

test('creates the mini-player hidden and always on top', async () => {
  await app.firstWindow({ timeout: 45_000 });
  const mini = await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()
      .filter((w) => w.webContents.getURL().endsWith('mini.html'))
      .map((w) => ({ visible: w.isVisible(), onTop: w.isAlwaysOnTop() })),
  );
  expect(mini).toEqual([{ visible: false, onTop: true }]);
});
