// The composition root: wiring only. Every decision lives in the services; every Electron API in an adapter.
import { mkdirSync } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';

import { app, clipboard, Notification, shell } from 'electron';

import { registerAppScheme, serveAppScheme } from './adapters/app-protocol';
import { ElectronStoreKv } from './adapters/electron-store-kv';
import { serveOverIpc } from './adapters/ipc-main-transport';
import { logFileSink } from './adapters/log-file';
import { electronGlobalShortcuts, electronShortcutEnvironment } from './adapters/global-shortcut';
import { applyLoginItem, openedAtLogin } from './adapters/login-items';
import { electronNotifier } from './adapters/notifications';
import { plaintextConsentDialog } from './adapters/plaintext-consent-dialog';
import { electronPowerEvents } from './adapters/power-events';
import { electronProtocolRegistrar } from './adapters/protocol-registration';
import { SafeStorageCipher } from './adapters/safe-storage-cipher';
import { systemBrowser } from './adapters/system-browser';
import { onDisplaysChanged } from './adapters/screen';
import { createTray } from './adapters/tray';
import { WindowManager } from './adapters/window-manager';
import { findProtocolUrl } from './auth/protocol-url';
import { coreDepsOf, createCore } from './core/create-core';
import { createServices } from './core/create-services';
import { debugLaunchRefusal, debugRefusalLine } from './core/debug-switches';
import { launchOptions } from './core/launch-options';
import { RootLogger } from './logging/logger';
import { startPlatformMediaSession } from './mpris/media-session';
import { err, ok } from '../shared/result';
import { rendererCsp } from './net/csp';
import { createStaticHandler } from './net/static-handler';
import { systemClock } from './ports/clock';
import { ControlInbox } from './shell/control-inbox';
import { isControlLink } from './shell/control-link';
import { DesktopShell } from './shell/desktop-shell';
import { RecentProblems } from './shell/diagnostics';
import { isNativeWayland } from './shell/display-server';
import { LaunchReasons } from './shell/launch-window';
import { startTray } from './tray/tray-controller';
import { APP_ORIGIN } from './windows/app-origin';
import { startMiniAutoHide } from './windows/mini-auto-hide';
import type { Rect } from './windows/window-options';
import { WindowStateStore } from './windows/window-state';

/** Replaced at build time (vite.config.ts): a packager's default Client ID, or ''. */
declare const __TRAYPLAY_BUILD_CLIENT_ID__: string;

// First of all: a packaged build started with a debugging switch or TLS checks off does not start at all.
// Exiting here, before `ready`, is before Chromium opens its DevTools server.
const refusal = debugLaunchRefusal({ argv: process.argv, env: process.env, packaged: app.isPackaged, platform: process.platform });
if (refusal) {
  process.stderr.write(`${debugRefusalLine(refusal)}\n`);
  process.exit(1);
}

// Chromium publishes its own MPRIS player whenever a page plays media; Trayplay publishes the real one.
app.commandLine.appendSwitch('disable-features', 'MediaSessionService');

// Test hooks from the environment work only in unpackaged runs (electron/core/launch-options.ts).
const launch = launchOptions(process.env, app.isPackaged);
// Tests choose the profile folder; it must be set before anything reads it. Electron refuses a folder that
// does not exist yet ("Failed to set path"), so it is created first.
if (launch.userDataDir) {
  mkdirSync(launch.userDataDir, { recursive: true, mode: 0o700 });
  app.setPath('userData', launch.userDataDir);
}
// Before `ready`: the pages' scheme gets its privileges now or never.
registerAppScheme();

// The OS logs folder (app.getPath("logs")), rotated by size.
const logDir = app.getPath('logs');
mkdirSync(logDir, { recursive: true });
const logFile = logFileSink({ dir: logDir, maxBytes: 1024 * 1024, keep: 3 });
const problems = new RecentProblems();
const logger = new RootLogger({
  sink: (line, record) => {
    problems.sink(line, record);
    logFile.sink(line, record);
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
  // Control links and flags (trayplay://control/next, --next) from other programs: kept until ready.
  const inbox = new ControlInbox({ now: () => systemClock.now(), log: logger.scope('control') });

  // Why this launch happened (--hidden, login, a control request by argv or, on macOS, by open-url).
  const launchReasons = new LaunchReasons(process.argv);
  // Until the windows exist, a plain second instance is remembered and the main window shows once ready.
  let showMain: () => void = () => launchReasons.noteShowRequest();
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (isControlLink(url)) launchReasons.noteControl(inbox.receiveUrl(url));
    else receive(url);
  });
  app.on('second-instance', (_event, argv) => {
    if (inbox.receiveArgv(argv) !== 'none') return;
    const url = findProtocolUrl(argv);
    if (url) receive(url);
    else showMain();
  });
  // A cold start with a control request starts in the tray and runs it once ready.
  launchReasons.noteControl(inbox.receiveArgv(process.argv));
  const coldStartUrl = findProtocolUrl(process.argv.filter((arg) => !isControlLink(arg)));
  if (coldStartUrl) receive(coldStartUrl);

  // A tray app keeps running with every window closed.
  app.on('window-all-closed', () => undefined);

  const appInfo = () =>
    ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      shell: 'electron',
      demo: servicesDemo(),
    }) as const;
  let servicesDemo: () => boolean = () => true;

  void app.whenReady().then(async () => {
    const devServer = launch.devServerUrl;
    const power = electronPowerEvents();
    const store = new ElectronStoreKv();
    const services = await createServices({
      shell: 'electron',
      clock: systemClock,
      logger,
      store,
      cipher: new SafeStorageCipher(),
      browser: systemBrowser,
      power,
      protocol: electronProtocolRegistrar(),
      fetch: (url, init) => fetch(url, init),
      buildClientId: __TRAYPLAY_BUILD_CLIENT_ID__ || null,
      endpointsOverride: launch.endpointsOverride,
      plaintextConsent: plaintextConsentDialog,
    });
    servicesDemo = () => services.isDemo();
    const wayland = isNativeWayland(process.platform, process.env, app.commandLine.getSwitchValue('ozone-platform'));
    let tray: { bounds(): Rect | null } | null = null;
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
      placement: {
        memory: new WindowStateStore(store, logger.scope('windows')),
        trayBounds: () => tray?.bounds() ?? null,
        mini: () => services.preferences.values().mini,
        wayland,
      },
    });
    const stopScreens = onDisplaysChanged(() => windows.recoverOffscreen());
    // A menu-bar app on macOS: no Dock icon.
    if (process.platform === 'darwin') app.dock?.hide();
    showMain = () => windows.showMain();
    const desktopShell = new DesktopShell({
      clock: systemClock,
      log: logger.scope('shell'),
      playback: services.playback,
      preferences: services.preferences,
      desktop: services.desktop,
      windows,
      power,
      shortcuts: { port: electronGlobalShortcuts(), env: electronShortcutEnvironment(wayland) },
      inbox,
      problems,
      diagnosticsContext: () => ({
        info: appInfo(),
        versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
        os: { platform: process.platform, release: release(), arch: process.arch },
        session: process.platform === 'linux' ? (wayland ? 'wayland' : 'x11') : 'native',
      }),
      openLogsFolder: async () => {
        const problem = await shell.openPath(logDir);
        return problem ? err('internal', `The logs folder could not be opened: ${problem}`) : ok(null);
      },
      copyToClipboard: (text) => clipboard.writeText(text).then(() => true),
      miniWindow: windows,
      wayland,
      notifications: Notification.isSupported() ? { notifier: electronNotifier(logger.scope('notify')), windowFocused: () => windows.anyFocused() } : null,
      loginItems: {
        input: () => ({
          platform: process.platform,
          packaged: app.isPackaged,
          executable: process.env.APPIMAGE ?? process.execPath,
          appName: app.getName(),
          desktopName: 'app.trayplay.Trayplay.desktop',
          home: app.getPath('home'),
          xdgConfigHome: process.env.XDG_CONFIG_HOME,
        }),
        apply: applyLoginItem,
      },
    });
    const core = createCore({ ...coreDepsOf(services), info: appInfo, logger, windows, shellActions: desktopShell.actions });
    const stopIpc = serveOverIpc(core.dispatcher, windows, logger.scope('ipc'));
    // Linux: Trayplay in the desktop's media controls (MPRIS), following the local Spotify app.
    const media = startPlatformMediaSession({
      clock: systemClock,
      logger,
      playback: services.playback,
      preferences: services.preferences,
      desktop: services.desktop,
      raise: () => windows.showMain(),
      quit: () => app.quit(),
      openUri: (uri) => services.playback.playUri(uri),
    });

    deliver = (url) => services.handleProtocolUrl(url);
    for (const url of pendingUrls.splice(0)) deliver(url);

    const trayPlayer = startTray({
      state: core.state,
      createView: (handlers) => createTray({ ...handlers, iconDir: join(app.getPath('userData'), 'icons') }),
      dispatch: (command, source) => desktopShell.dispatch(command, source),
      playback: services.playback,
      auth: services.auth,
      showMain: () => windows.showMain(),
      quit: () => app.quit(),
      clock: systemClock,
      log: logger.scope('tray'),
    });
    tray = trayPlayer;

    windows.create('mini');
    desktopShell.start(core.state);
    // Preferences > auto-hide: the mini-player leaves after N quiet minutes and returns with playback.
    const miniAutoHide = startMiniAutoHide({
      clock: systemClock,
      log: logger.scope('windows'),
      playback: services.playback,
      preferences: services.preferences,
      mini: windows.miniForAutoHide(),
    });
    // Started by the OS at login, or to run a control command: stay in the tray. Otherwise show the main window.
    if (launchReasons.decide(openedAtLogin()).kind === 'main') windows.showMain();

    app.on('activate', () => windows.showMain());
    app.on('before-quit', () => {
      desktopShell.stop();
      miniAutoHide.stop();
      stopScreens();
      trayPlayer.stop();
      stopIpc();
      void media.dispose();
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
