// Fills the shared BootObservation from a real Electron app (Playwright `_electron`), probing it the way
// the double's boot test probes the double, so both check the same facts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ElectronApplication, Page } from '@playwright/test';

import { CUSTOM_SCHEMES, FOREIGN_URL, OBSERVED_PREFERENCES, type BootObservation, type ObservedWindow } from '../../electron/testing/electron-double/boot-facts';

/** Electron's private ipcMain state: the invoke handlers live in `_invokeHandlers` (lib/browser/ipc-main-impl.ts). */
interface IpcMainInternals {
  _invokeHandlers?: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
}

export async function observeRealBoot(app: ElectronApplication, page: Page): Promise<BootObservation> {
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
    const untrusted = [
      await call({ sender: { id: 987_654 }, senderFrame: { url: main.getURL(), parent: null } }),
      await call({ sender: main, senderFrame: { url: main.getURL(), parent: main.mainFrame } }),
      await call({ sender: main, senderFrame: { url: foreign, parent: null } }),
    ];
    const navigation = { defaultPrevented: false, url: foreign, preventDefault() { this.defaultPrevented = true; } };
    main.emit('will-navigate', navigation, foreign);
    return {
      singleInstanceLock: electronApp.hasSingleInstanceLock(),
      invokeHandlers: [...handlers.keys()],
      listenerChannels: ipcMain.eventNames().filter((n): n is string => typeof n === 'string' && n !== 'error'),
      untrustedReplies: untrusted,
      foreignNavigationAllowed: !navigation.defaultPrevented,
    };
  }, FOREIGN_URL);
  const handledSchemes = await app.evaluate(({ protocol }, schemes) => schemes.filter((s) => protocol.isProtocolHandled(s)), [...CUSTOM_SCHEMES]);
  const trustedReply: unknown = await page.evaluate(() => window.trayplay.app.getInfo());
  const opened = await page.evaluate((url) => window.open(url) !== null, FOREIGN_URL);
  const permissionGranted = await page.evaluate(async () => (await Notification.requestPermission()) === 'granted');
  // The app logs into app.getPath('logs'): <userData>/logs on Linux and Windows, but ~/Library/Logs/<name> on
  // macOS — so ask the running app rather than guess.
  const logsDir = await app.evaluate(({ app: electronApp }) => electronApp.getPath('logs'));
  const log = readFileSync(join(logsDir, 'main.log'), 'utf8').split('\n');
  return {
    readyLogged: log.some((l) => / INFO \[main\] ready\b/.test(l)),
    errorLines: log.filter((l) => / ERROR /.test(l)),
    windows,
    trustedReply,
    windowOpenAction: opened ? 'allow' : 'deny',
    permissionGranted,
    handledSchemes,
    ...ipc,
  };
}
