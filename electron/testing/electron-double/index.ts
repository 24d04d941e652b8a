// The Electron double: everything `require('electron')` gives the main process, built for one run.
// Test-only (lint keeps app code from importing it); see README.md for what it plays and what it does not.
import { join } from 'node:path';

import { AppDouble, type AppOptions } from './app';
import { createBrowserWindowModule } from './browser-window';
import { IpcMainDouble } from './ipc-main';
import { createMenuModule } from './menu';
import { createNativeImageModule } from './native-image';
import { DEFAULT_RUNTIME, Runtime, type RuntimeOptions } from './runtime';
import { SafeStorageDouble } from './safe-storage';
import { createProtocolModule, createSessionModule } from './session';
import { ClipboardDouble, createNotificationClass, DialogDouble, GlobalShortcutDouble, NetDouble, PowerMonitorDouble, ScreenDouble, ShellDouble, SystemPreferencesDouble } from './system';
import { createTrayModule } from './tray';
import { filePageResolver } from './web-contents';

export interface DoubleOptions extends Partial<RuntimeOptions> {
  readonly app: Partial<AppOptions> & Pick<AppOptions, 'appPath' | 'paths'>;
}

export function createElectronDouble(options: DoubleOptions) {
  const runtime = new Runtime({ ...DEFAULT_RUNTIME, ...options });
  const app = new AppDouble(runtime, {
    name: 'Trayplay',
    version: '0.0.0',
    isPackaged: false,
    lockHeldElsewhere: false,
    locale: 'en-US',
    ...options.app,
  });
  const sessions = createSessionModule(runtime, () => join(app.getPath('userData')));
  const protocols = createProtocolModule(runtime, () => sessions.session.defaultSession);
  const resolvePage = filePageResolver((scheme) => {
    const ses = sessions.current();
    if (!ses?.protocol.isProtocolHandled(scheme)) return null;
    return async (url) => (await ses.protocol.request(url)).status;
  });
  const windows = createBrowserWindowModule(runtime, () => sessions.session.defaultSession, resolvePage);
  app.closeAllWindows = (force) => windows.closeAll(force);
  const menus = createMenuModule(runtime);
  const nativeImage = createNativeImageModule(runtime);
  const trays = createTrayModule(runtime, (path) => nativeImage.createFromPath(path));
  const notifications = createNotificationClass(runtime);
  const ipcMain = new IpcMainDouble(runtime);
  const globalShortcut = new GlobalShortcutDouble(runtime);
  const powerMonitor = new PowerMonitorDouble(runtime);
  const safeStorage = new SafeStorageDouble(runtime);
  const shell = new ShellDouble(runtime);
  const screen = new ScreenDouble(runtime);
  const systemPreferences = new SystemPreferencesDouble(runtime);
  const net = new NetDouble();
  const clipboard = new ClipboardDouble(runtime);
  const dialog = new DialogDouble(runtime);

  /** What `require('electron')` returns in the main process: a plain object, no `default`, as in Electron. */
  const electronModule = {
    app,
    BrowserWindow: windows.BrowserWindow,
    ipcMain,
    protocol: protocols.protocol,
    session: sessions.session,
    Tray: trays.Tray,
    Menu: menus.Menu,
    MenuItem: menus.MenuItem,
    nativeImage,
    globalShortcut,
    powerMonitor,
    safeStorage,
    shell,
    screen,
    Notification: notifications.Notification,
    systemPreferences,
    net,
    clipboard,
    dialog,
  };

  return {
    runtime,
    electronModule,
    app,
    ipcMain,
    windows,
    sessions,
    protocols,
    trays,
    notifications,
    globalShortcut,
    powerMonitor,
    safeStorage,
    shell,
    screen,
    systemPreferences,
    net,
    clipboard,
    dialog,
  };
}

export type ElectronDouble = ReturnType<typeof createElectronDouble>;
/** The module shape, for typing the app against the double. */
export type ElectronDoubleModule = ElectronDouble['electronModule'];
