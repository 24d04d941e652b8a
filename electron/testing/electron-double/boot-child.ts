// Runs in its own Node process: loads the built main bundle against the Electron double, plays the
// renderer's and the user's part, quits, writes a report — and then must end by itself, with nothing left.
import { readFileSync, writeFileSync } from 'node:fs';

import { CUSTOM_SCHEMES, FOREIGN_URL, type BootObservation } from './boot-facts';
import { electronEvent } from './events';
import { createElectronDouble } from './index';
import { loadMainBundle } from './load-main';
import { menuRows, type MenuDouble } from './menu';
import type { BootReport, BootScenario } from './scenario';
import { installTimerCensus } from './timer-census';
import type { TrayDouble } from './tray';
import { WebContentsDouble, WebFrameMainDouble } from './web-contents';

// The harness's own timers use these (they are not the app's, and the guard is cleared anyway).
const harnessTimeout = globalThis.setTimeout;
const timers = installTimerCensus();

const scenario = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as BootScenario;
const ELECTRON_OWN_LISTENERS = new Set(['error']);

const double = createElectronDouble({
  platform: scenario.platform,
  linuxBackend: scenario.linuxBackend,
  keyMaterial: scenario.keyMaterial,
  takenAccelerators: scenario.takenAccelerators,
  app: {
    isPackaged: scenario.isPackaged,
    appPath: process.cwd(),
    lockHeldElsewhere: scenario.lockHeldElsewhere,
    version: '0.1.0',
    paths: { userData: scenario.defaultUserData, home: scenario.home, temp: scenario.temp, appData: scenario.home },
  },
});
const { app, ipcMain, runtime } = double;

const quitEvents: string[] = [];
for (const name of ['before-quit', 'will-quit', 'quit'] as const) app.on(name, () => quitEvents.push(name));

let report: BootReport | null = null;
const write = (): void => writeFileSync(scenario.reportPath, JSON.stringify(report, null, 1));

/** The harness's own listeners (the quit events above), left out of the after-quit count. */
const HARNESS_OWN: Readonly<Record<string, Readonly<Record<string, number>>>> = { app: { 'before-quit': 1, 'will-quit': 1, quit: 1 } };

/**
 * The long-lived emitters the app could have subscribed to: what it left attached after quit. Destroyed
 * windows, webContents and trays are left out (their listeners die with them).
 */
function listenersLeft(): Record<string, Record<string, number>> {
  const emitters: [string, NodeJS.EventEmitter][] = [
    ['app', app],
    ['screen', double.screen],
    ['powerMonitor', double.powerMonitor],
    ['systemPreferences', double.systemPreferences],
    // A second instance quits before ready, when Electron refuses to give out the default session.
    ...(app.isReady() ? [['session', double.sessions.session.defaultSession] as [string, NodeJS.EventEmitter]] : []),
  ];
  const left: Record<string, Record<string, number>> = {};
  for (const [name, emitter] of emitters) {
    for (const event of emitter.eventNames()) {
      const count = emitter.listenerCount(event) - (HARNESS_OWN[name]?.[String(event)] ?? 0);
      if (count > 0) (left[name] ??= {})[String(event)] = count;
    }
  }
  return left;
}

const listeners = (): string[] => ipcMain.listenedChannels().filter((c) => !ELECTRON_OWN_LISTENERS.has(c));

/** Electron ends the process after `quit` (or `exit`); here the report is written and the process must drain. */
app.onProcessEnd = (code) => {
  const base = report ?? emptyReport();
  report = {
    ...base,
    afterQuit: {
      quitEvents: [...quitEvents],
      exitCode: code,
      invokeHandlers: [...ipcMain.handlers.keys()],
      listenerChannels: listeners(),
      traysAlive: double.trays.trays.filter((t) => !t.isDestroyed()).length,
      shortcuts: [...double.globalShortcut.registered.keys()],
      powerListeners: double.powerMonitor.eventNames().reduce((n, e) => n + double.powerMonitor.listenerCount(e), 0),
      windowsAlive: double.windows.BrowserWindow.getAllWindows().length,
      listenersLeft: listenersLeft(),
    },
  };
  write();
  // Give pending closes one turn, then note what is still open (unref'd: the note itself keeps nothing alive).
  harnessTimeout(() => {
    report = { ...report!, resourcesAfterQuit: process.getActiveResourcesInfo() };
    write();
  }, 200).unref();
  if (code !== 0) process.exitCode = code;
};

// The process drained (or was told to end): list the timers the app started and never let go.
process.on('exit', () => {
  if (!report?.afterQuit) return;
  report = { ...report, timersAtExit: timers.pending() };
  write();
});

function emptyReport(): BootReport {
  return {
    observation: null,
    startupSettled: false,
    userData: safe(() => app.getPath('userData'), ''),
    logsDir: safe(() => app.getPath('logs'), ''),
    thrown: runtime.thrown,
    operational: runtime.operational,
    calls: runtime.calls.map(({ api, method, args }) => ({ api, method, args: jsonable(args) })),
    tray: null,
    state: null,
    info: null,
    devices: null,
    shortcuts: [],
    handledSchemes: [],
    privilegedSchemes: double.protocols.privileged.map((p) => ({ scheme: p.scheme, privileges: { ...p.privileges } })),
    effectivePreferences: [],
    loads: [],
    afterQuit: null,
    resourcesAfterQuit: [],
    timersAtExit: null,
  };
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function jsonable(value: unknown): unknown[] {
  try {
    return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'function' ? '[function]' : v))) as unknown[];
  } catch {
    return ['[unserialisable]'];
  }
}

async function observe(): Promise<void> {
  await Promise.all(double.windows.BrowserWindow.getAllWindows().map((w) => w.webContents.loadSettled()));
  const windows = double.windows.BrowserWindow.getAllWindows();
  const main = windows.find((w) => w.webContents.getURL().endsWith('index.html')) ?? windows[0];
  let trustedReply: unknown = null;
  const untrustedReplies: unknown[] = [];
  let foreignNavigationAllowed = false;
  let windowOpenAction = 'none';
  let permissionGranted = false;
  let state: unknown = null;
  let info: unknown = null;
  let devices: unknown = null;
  let trayAtState: BootReport['tray'] = null;
  if (main) {
    const wc = main.webContents;
    trustedReply = await ipcMain.invoke(wc, wc.mainFrame, 'app:getInfo').catch((e: unknown) => String(e));
    info = trustedReply;
    // The tray's device submenu is built from the device list: read it first, so the state stays the same turn as the menu.
    devices = await ipcMain.invoke(wc, wc.mainFrame, 'player:listDevices').catch((e: unknown) => String(e));
    state = await ipcMain.invoke(wc, wc.mainFrame, 'app:getState').catch((e: unknown) => String(e));
    // The same turn: the menu must be the one built from exactly this state.
    trayAtState = snapshotTray();
    const stranger = new WebContentsDouble(runtime, double.sessions.session.defaultSession, {}, {}, () => Promise.resolve({ ok: true }));
    stranger.mainFrame.url = wc.getURL();
    const subframe = new WebFrameMainDouble(900, wc.mainFrame);
    subframe.url = wc.getURL();
    const foreign = new WebFrameMainDouble(901, null);
    foreign.url = FOREIGN_URL;
    for (const [sender, frame] of [
      [stranger, stranger.mainFrame],
      [wc, subframe],
      [wc, foreign],
    ] as const) {
      untrustedReplies.push(await ipcMain.invoke(sender, frame, 'app:getInfo').catch((e: unknown) => String(e)));
    }
    foreignNavigationAllowed = wc.navigate(FOREIGN_URL);
    windowOpenAction = wc.requestWindow(FOREIGN_URL).action;
    permissionGranted = await double.sessions.session.defaultSession.requestPermission(wc, 'notifications', wc.getURL());
  }
  const observation: Omit<BootObservation, 'readyLogged' | 'errorLines'> = {
    singleInstanceLock: app.hasSingleInstanceLock(),
    windows: windows.map((w) => ({
      url: w.webContents.getURL(),
      webPreferences: w.webContents.getLastWebPreferences(),
      visible: w.isVisible(),
      alwaysOnTop: w.isAlwaysOnTop(),
    })),
    invokeHandlers: [...ipcMain.handlers.keys()],
    listenerChannels: listeners(),
    trustedReply,
    untrustedReplies,
    foreignNavigationAllowed,
    windowOpenAction,
    permissionGranted,
    handledSchemes: CUSTOM_SCHEMES.filter((s) => double.sessions.current()?.protocol.isProtocolHandled(s)),
  };
  report = {
    ...emptyReport(),
    observation,
    startupSettled: true,
    tray: trayAtState ?? snapshotTray(),
    state,
    info,
    devices,
    shortcuts: [...double.globalShortcut.registered.keys()],
    handledSchemes: ['app', 'trayplay', 'file', 'http', 'https'].filter((s) => double.sessions.current()?.protocol.isProtocolHandled(s)),
    effectivePreferences: windows.map((w) => w.webContents.effectiveWebPreferences()),
    loads: double.windows.created.flatMap((w) => w.webContents.loads),
  };
  write();
}

/** The menu a user gets from the tray: the one set on it, or (macOS) the one popped up on right-click. */
function shownMenu(tray: TrayDouble | undefined): MenuDouble | null {
  if (!tray) return null;
  return tray.contextMenu ?? (scenario.platform === 'linux' ? null : tray.userRightClick());
}

function snapshotTray(): BootReport['tray'] {
  const tray = double.trays.trays.find((t) => !t.isDestroyed());
  const menu = shownMenu(tray);
  return tray ? { rows: menu ? menuRows(menu) : [], toolTip: tray.toolTip, menuSets: tray.menuSets } : null;
}

function quit(): void {
  const tray = double.trays.trays.find((t) => !t.isDestroyed());
  const item = shownMenu(tray)?.items.find((i) => i.label.startsWith('Quit'));
  // Without a tray menu (a broken start) the harness quits the way the OS would on logout.
  if (item) item.click();
  else app.quit();
}

async function main(): Promise<void> {
  // The app decides by process.platform (safeStorage backend, protocol registration): play the scenario's OS.
  Object.defineProperty(process, 'platform', { value: scenario.platform });
  process.argv = scenario.isPackaged ? [process.execPath, ...scenario.args] : [process.execPath, process.cwd(), ...scenario.args];
  loadMainBundle(scenario.bundle, double.electronModule, { isPackaged: scenario.isPackaged });
  // macOS hands the launching URL over by open-url, after the main script ran and before ready.
  for (const url of scenario.openUrls ?? []) app.emit('open-url', electronEvent(), url);
  // Electron emits ready once the main script has run to its end.
  await new Promise((resolve) => setImmediate(resolve));
  // An app that quit before ready (a second instance) never sees it: Electron shuts down instead.
  if (app.exitCode !== null || app.isQuitting()) return;
  app.emitReady();
  const guard = harnessTimeout(() => {
    report = { ...emptyReport(), startupSettled: false };
    write();
    process.exit(4);
  }, 30_000);
  await app.startupSettled();
  clearTimeout(guard);
  if (app.exitCode !== null) return;
  await observe();
  if (scenario.quitVia === 'trayMenu') quit();
}

report = emptyReport();
write();
main().catch((cause: unknown) => {
  report = { ...(report ?? emptyReport()), thrown: [...runtime.thrown, { api: 'harness', message: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause) }] };
  write();
  process.exit(5);
});
