// Fills the shared BootObservation from a real Electron app (Playwright `_electron`), probing it the way
// the double's boot test probes the double, so both check the same facts. Where a page can do the probe
// (navigate, open a window, call from a window the app did not make) the page does it; the subframe and
// foreign-page calls have no documented way to be made from a page (see the fact's `handlerLevel`), so
// they call the registered handler with a sender Electron would report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ElectronApplication, Page } from '@playwright/test';

import { CUSTOM_SCHEMES, FOREIGN_URL, OBSERVED_PREFERENCES, type BootObservation, type ObservedWindow } from '../../electron/testing/electron-double/boot-facts';

/** Electron's private ipcMain state: the invoke handlers live in `_invokeHandlers` (lib/browser/ipc-main-impl.ts). */
interface IpcMainInternals {
  _invokeHandlers?: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
}

/** How long an allowed navigation gets to show itself; a prevented one never does. */
const NAVIGATION_WINDOW_MS = 3_000;

/** A real call from a window the app did not create: same page, same built preload, unknown webContents. */
async function callFromStrangerWindow(app: ElectronApplication, preload: string): Promise<unknown> {
  const opened = app.waitForEvent('window');
  await app.evaluate(({ BrowserWindow }, preloadPath) => {
    const main = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().endsWith('index.html'))!;
    const stranger = new BrowserWindow({ show: false, webPreferences: { preload: preloadPath, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    void stranger.loadURL(main.webContents.getURL());
  }, preload);
  const page = await opened;
  await page.waitForLoadState('domcontentloaded');
  const reply: unknown = await page.evaluate(() => window.trayplay.app.getInfo());
  await page.close();
  return reply;
}

/** The main page tries to go to a foreign page itself; the navigation is allowed if its URL ever changes. */
async function navigateAway(page: Page): Promise<boolean> {
  const before = page.url();
  const left = page
    .waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() && f.url() !== before, timeout: NAVIGATION_WINDOW_MS })
    .then(() => true, () => false);
  await page.evaluate((url) => {
    location.href = url;
  }, FOREIGN_URL);
  return (await left) || page.url() !== before;
}

export async function observeRealBoot(app: ElectronApplication, page: Page, preload: string): Promise<BootObservation> {
  const windows = await app.evaluate(({ BrowserWindow }, keys): ObservedWindow[] =>
    BrowserWindow.getAllWindows().map((w) => {
      const wc = w.webContents as typeof w.webContents & { getLastWebPreferences?: () => Record<string, unknown> | null };
      const given = wc.getLastWebPreferences?.() ?? {};
      return {
        url: wc.getURL(),
        webPreferences: Object.fromEntries(keys.filter((k) => given[k] !== undefined).map((k) => [k, given[k]])),
        visible: w.isVisible(),
        alwaysOnTop: w.isAlwaysOnTop(),
      };
    }),
  [...OBSERVED_PREFERENCES]);
  const ipc = await app.evaluate(async ({ ipcMain, BrowserWindow, app: electronApp }, foreign) => {
    const handlers = (ipcMain as unknown as IpcMainInternals)._invokeHandlers;
    if (!handlers) throw new Error('ipcMain._invokeHandlers is gone: update observe-boot.ts for this Electron');
    const main = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().endsWith('index.html'))!.webContents;
    const call = handlers.get('app:getInfo')!;
    // Handler-level: the main window's webContents with a subframe, and with a foreign page, as sender frame.
    const handlerLevel = [
      await call({ sender: main, senderFrame: { url: main.getURL(), parent: main.mainFrame } }),
      await call({ sender: main, senderFrame: { url: foreign, parent: null } }),
    ];
    return {
      singleInstanceLock: electronApp.hasSingleInstanceLock(),
      invokeHandlers: [...handlers.keys()],
      listenerChannels: ipcMain.eventNames().filter((n): n is string => typeof n === 'string' && n !== 'error'),
      handlerLevel,
    };
  }, FOREIGN_URL);
  const handledSchemes = await app.evaluate(({ protocol }, schemes) => schemes.filter((s) => protocol.isProtocolHandled(s)), [...CUSTOM_SCHEMES]);
  const trustedReply: unknown = await page.evaluate(() => window.trayplay.app.getInfo());
  const strangerReply = await callFromStrangerWindow(app, preload);
  const opened = await page.evaluate((url) => window.open(url) !== null, FOREIGN_URL);
  const permissionGranted = await page.evaluate(async () => (await Notification.requestPermission()) === 'granted');
  // Last: if the app let it through, the page is gone.
  const foreignNavigationAllowed = await navigateAway(page);
  // The app logs into app.getPath('logs'): <userData>/logs on Linux and Windows, but ~/Library/Logs/<name> on
  // macOS — so ask the running app rather than guess.
  const logsDir = await app.evaluate(({ app: electronApp }) => electronApp.getPath('logs'));
  const log = readFileSync(join(logsDir, 'main.log'), 'utf8').split('\n');
  return {
    readyLogged: log.some((l) => / INFO \[main\] ready\b/.test(l)),
    errorLines: log.filter((l) => / ERROR /.test(l)),
    windows,
    trustedReply,
    untrustedReplies: [strangerReply, ...ipc.handlerLevel],
    foreignNavigationAllowed,
    windowOpenAction: opened ? 'allow' : 'deny',
    permissionGranted,
    handledSchemes,
    singleInstanceLock: ipc.singleInstanceLock,
    invokeHandlers: ipc.invokeHandlers,
    listenerChannels: ipc.listenerChannels,
  };
}
