// The composition root: wiring only. Every decision lives in the services; every Electron API in an adapter.
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { app } from 'electron';

import { registerAppScheme, serveAppScheme } from './adapters/app-protocol';
import { ElectronStoreKv } from './adapters/electron-store-kv';
import { serveOverIpc } from './adapters/ipc-main-transport';
import { electronPowerEvents } from './adapters/power-events';
import { electronProtocolRegistrar } from './adapters/protocol-registration';
import { SafeStorageCipher } from './adapters/safe-storage-cipher';
import { systemBrowser } from './adapters/system-browser';
import { createTray } from './adapters/tray';
import { WindowManager } from './adapters/window-manager';
import { findProtocolUrl } from './auth/protocol-url';
import { createCore } from './core/create-core';
import { createServices } from './core/create-services';
import { launchOptions } from './core/launch-options';
import { RootLogger } from './logging/logger';
import { rendererCsp } from './net/csp';
import { createStaticHandler } from './net/static-handler';
import { systemClock } from './ports/clock';
import type { TrayAction } from './tray/tray-menu';
import { APP_ORIGIN } from './windows/app-origin';

/** Replaced at build time (vite.config.ts): a packager's default Client ID, or ''. */
declare const __TRAYPLAY_BUILD_CLIENT_ID__: string;

// Test hooks from the environment work only in unpackaged runs (electron/core/launch-options.ts).
const launch = launchOptions(process.env, app.isPackaged);
// Tests choose the profile folder; it must be set before anything reads it.
if (launch.userDataDir) app.setPath('userData', launch.userDataDir);
// Before `ready`: the pages' scheme gets its privileges now or never.
registerAppScheme();

const logDir = join(app.getPath('userData'), 'logs');
mkdirSync(logDir, { recursive: true });
// One append stream: the main thread never waits on the disk for a log line.
const logFile = createWriteStream(join(logDir, 'main.log'), { flags: 'a', mode: 0o600 });
const logger = new RootLogger({
  sink: (line) => {
    logFile.write(`${line}\n`);
    if (!app.isPackaged) process.stderr.write(`${line}\n`);
  },
});
const log = logger.scope('main');
if (launch.ignored.length > 0) log.warn('test hooks ignored', { variables: launch.ignored });

if (!app.requestSingleInstanceLock()) {
  // Another Trayplay runs: it receives our argv (and any trayplay:// URL) through `second-instance`.
  app.quit();
} else {
  // Sign-in redirects can arrive before the services exist (cold start, macOS open-url before ready).
  const pendingUrls: string[] = [];
  let deliver: ((url: string) => void) | null = null;
  const receive = (url: string): void => (deliver ? deliver(url) : void pendingUrls.push(url));
  let showMain: () => void = () => undefined;

  app.on('open-url', (event, url) => {
    event.preventDefault();
    receive(url);
  });
  app.on('second-instance', (_event, argv) => {
    const url = findProtocolUrl(argv);
    if (url) receive(url);
    else showMain();
  });
  const coldStartUrl = findProtocolUrl(process.argv);
  if (coldStartUrl) receive(coldStartUrl);

  // A tray app keeps running with every window closed.
  app.on('window-all-closed', () => undefined);

  void app.whenReady().then(async () => {
    const devServer = launch.devServerUrl;
    const services = await createServices({
      shell: 'electron',
      clock: systemClock,
      logger,
      store: new ElectronStoreKv(),
      cipher: new SafeStorageCipher(),
      browser: systemBrowser,
      power: electronPowerEvents(),
      protocol: electronProtocolRegistrar(),
      fetch: (url, init) => fetch(url, init),
      buildClientId: __TRAYPLAY_BUILD_CLIENT_ID__ || null,
      endpointsOverride: launch.endpointsOverride,
    });
    serveAppScheme(
      createStaticHandler({
        root: join(__dirname, '../renderer'),
        origin: APP_ORIGIN,
        csp: () => rendererCsp({ shell: 'electron', demoArtOrigin: services.demoArtOrigin() }),
      }),
    );
    const windows = new WindowManager({
      renderer: devServer ? { kind: 'devServer', url: devServer } : { kind: 'app' },
      preloadPath: join(__dirname, 'preload.cjs'),
      log: logger.scope('windows'),
      onVisibilityChange: (visible) => services.setVisibility(visible ? 'window' : 'tray'),
    });
    showMain = () => windows.showMain();
    const core = createCore({
      info: () => ({
        name: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        shell: 'electron',
        demo: services.isDemo(),
      }),
      logger,
      auth: services.auth,
      playback: services.playback,
      windows,
    });
    const stopIpc = serveOverIpc(core.dispatcher, windows, logger.scope('ipc'));

    deliver = (url) => services.handleProtocolUrl(url);
    for (const url of pendingUrls.splice(0)) deliver(url);

    const onTray = (action: TrayAction): void => {
      const done = (promise: Promise<unknown>): void => void promise.catch(() => undefined);
      switch (action) {
        case 'togglePlay':
          return done(services.playback.togglePlay());
        case 'next':
          return done(services.playback.next());
        case 'previous':
          return done(services.playback.previous());
        case 'like':
          return done(services.playback.setLiked(true));
        case 'unlike':
          return done(services.playback.setLiked(false));
        case 'showMain':
          return windows.showMain();
        case 'toggleMini':
          return windows.toggleMini();
        case 'quit':
          return app.quit();
      }
    };
    const tray = createTray(onTray);
    tray.render(core.state.get());
    const stopTray = core.state.subscribe((state) => tray.render(state));

    windows.create('mini');
    // Started by the OS at login: stay in the tray. Otherwise show the main window.
    if (!process.argv.includes('--hidden')) windows.showMain();

    app.on('activate', () => windows.showMain());
    app.on('before-quit', () => {
      stopTray();
      stopIpc();
      tray.destroy();
      core.dispose();
      void services.dispose();
    });
    log.info('ready', { demo: services.isDemo() });
  }).catch((cause: unknown) => {
    // Nothing can work without the services: say why in the log and leave rather than sit half-started.
    log.error('start-up failed', { error: cause instanceof Error ? cause.message : String(cause) });
    app.exit(1);
  });
}
