// The facts a started Trayplay must show, as data. Two observers fill the same `BootObservation`: the
// double's boot test (here, every `npm test`) and the real `_electron` spec (GitHub Actions), so a place
// where the double and real Electron disagree shows up as a fact that holds in one run and not the other.
import { contract } from '../../../shared/contract';
import { listChannels } from '../../../shared/ipc/contract-kit';

/** One window as either observer sees it. */
export interface ObservedWindow {
  /** The page the window shows (webContents.getURL()). */
  readonly url: string;
  /** The webPreferences as given (Electron's `getLastWebPreferences()`); defaults are applied below. */
  readonly webPreferences: Readonly<Record<string, unknown>>;
  readonly visible: boolean;
  readonly alwaysOnTop: boolean;
}

export interface BootObservation {
  /** The app logged its `ready` line. */
  readonly readyLogged: boolean;
  /** Lines the app logged at ERROR level during start-up. */
  readonly errorLines: readonly string[];
  readonly singleInstanceLock: boolean;
  readonly windows: readonly ObservedWindow[];
  /** ipcMain.handle channels. */
  readonly invokeHandlers: readonly string[];
  /** ipcMain.on channels (Electron's own 'error' listener left out by the observer). */
  readonly listenerChannels: readonly string[];
  /** A trusted call from the main window (app:getInfo). */
  readonly trustedReply: unknown;
  /**
   * Replies to app:getInfo from an unknown webContents, a subframe, and a foreign page. On real Electron the
   * first is a real call (a window the app did not create, same page and preload); the other two are
   * handler-level (see the fact's `handlerLevel`).
   */
  readonly untrustedReplies: readonly unknown[];
  /** The main window asked to navigate to a foreign page: did the app let it? */
  readonly foreignNavigationAllowed: boolean;
  /** `window.open` of a foreign page: the app's answer. */
  readonly windowOpenAction: string;
  /** A page asked for the notifications permission: granted? */
  readonly permissionGranted: boolean;
  /** Which of CUSTOM_SCHEMES the default session handles (`protocol.isProtocolHandled`). */
  readonly handledSchemes: readonly string[];
}

export interface BootExpectations {
  /** Absolute path of the built preload (dist/electron/preload.cjs). */
  readonly preloadPath: string;
  /** URL prefixes of the app's own pages (the built renderer's folder or the app's scheme). */
  readonly pagePrefixes: readonly string[];
}

export interface BootFact {
  readonly id: string;
  readonly says: string;
  /**
   * Set when the real observer cannot make the probe from a page (no documented way exists) and calls the
   * registered handler with the sender Electron would report instead: why, so nobody reads it as more.
   */
  readonly handlerLevel?: string;
  /** Null when the fact holds, else what was seen instead. */
  check(o: BootObservation, e: BootExpectations): string | null;
}

/** The webPreferences keys the facts read; observers of real Electron copy just these (the rest may not serialise). */
export const OBSERVED_PREFERENCES = [
  'contextIsolation',
  'sandbox',
  'nodeIntegration',
  'webSecurity',
  'nodeIntegrationInWorker',
  'nodeIntegrationInSubFrames',
  'allowRunningInsecureContent',
  'experimentalFeatures',
  'webviewTag',
  'enableBlinkFeatures',
  'disableBlinkFeatures',
  'additionalArguments',
  'preload',
] as const;

/**
 * The non-built-in schemes both observers ask about. Built-ins (file, http…) are left out: real Electron
 * reports them as handled whatever the app does.
 */
export const CUSTOM_SCHEMES = ['app', 'trayplay'] as const;

/** A foreign page both observers try to reach. */
export const FOREIGN_URL = 'https://evil.example/';

/** What Electron 45 uses when an option is left out. */
const DEFAULTS: Readonly<Record<string, unknown>> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
};
const REQUIRED: Readonly<Record<string, unknown>> = { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true };
/** Options that weaken a window, and the only value each may have. */
const FORBIDDEN: Readonly<Record<string, unknown>> = {
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
};
const FORBIDDEN_PRESENT = ['enableBlinkFeatures', 'disableBlinkFeatures', 'additionalArguments'];

const effective = (prefs: Readonly<Record<string, unknown>>, key: string): unknown => (key in prefs && prefs[key] !== undefined ? prefs[key] : DEFAULTS[key]);

const code = (reply: unknown): unknown =>
  reply && typeof reply === 'object' && 'error' in reply ? (reply as { error?: { code?: unknown } }).error?.code : reply && typeof reply === 'object' && 'ok' in reply ? 'ok' : reply;

const same = (a: readonly string[], b: readonly string[]): boolean => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

export const contractChannels = (kind: 'call' | 'command' | 'event'): string[] =>
  listChannels(contract)
    .filter((c) => c.spec.kind === kind)
    .map((c) => c.channel);

export const BOOT_FACTS: readonly BootFact[] = [
  {
    id: 'ready-without-errors',
    says: 'reaches ready and logs no error on the way',
    check: (o) => (!o.readyLogged ? 'no ready line in the log' : o.errorLines.length ? `error lines: ${o.errorLines.join(' | ')}` : null),
  },
  {
    id: 'single-instance-lock',
    says: 'holds the single-instance lock',
    check: (o) => (o.singleInstanceLock ? null : 'the lock is not held'),
  },
  {
    id: 'windows-created',
    says: 'creates the main window (shown) and the mini-player (hidden, always on top)',
    check: (o) => {
      const main = o.windows.filter((w) => w.url.endsWith('index.html'));
      const mini = o.windows.filter((w) => w.url.endsWith('mini.html'));
      if (o.windows.length !== 2 || main.length !== 1 || mini.length !== 1) return `windows: ${JSON.stringify(o.windows.map((w) => w.url))}`;
      if (!main[0]!.visible) return 'the main window is hidden';
      if (mini[0]!.visible || !mini[0]!.alwaysOnTop) return `mini-player visible=${mini[0]!.visible} onTop=${mini[0]!.alwaysOnTop}`;
      return null;
    },
  },
  {
    id: 'secure-web-preferences',
    says: 'every window: contextIsolation, sandbox, no Node integration, webSecurity, and no weakening option',
    check: (o) => {
      const problems = o.windows.flatMap((w) => [
        ...Object.entries(REQUIRED).filter(([k, v]) => effective(w.webPreferences, k) !== v).map(([k]) => `${w.url}: ${k}=${String(effective(w.webPreferences, k))}`),
        ...Object.entries(FORBIDDEN).filter(([k, v]) => effective(w.webPreferences, k) !== v).map(([k]) => `${w.url}: ${k}=${String(effective(w.webPreferences, k))}`),
        ...FORBIDDEN_PRESENT.filter((k) => w.webPreferences[k] !== undefined).map((k) => `${w.url}: ${k} set`),
      ]);
      return problems.length ? problems.join('; ') : null;
    },
  },
  {
    id: 'built-preload',
    says: 'every window loads the built preload',
    check: (o, e) => {
      const wrong = o.windows.filter((w) => w.webPreferences.preload !== e.preloadPath);
      return wrong.length ? wrong.map((w) => `${w.url}: preload=${String(w.webPreferences.preload)}`).join('; ') : null;
    },
  },
  {
    id: 'own-pages',
    says: "every window shows one of the app's own pages",
    check: (o, e) => {
      const foreign = o.windows.filter((w) => !e.pagePrefixes.some((p) => w.url.startsWith(p)) || w.url.slice(w.url.indexOf('//') + 2).includes('..'));
      return foreign.length ? `pages: ${foreign.map((w) => w.url).join(', ')}` : null;
    },
  },
  {
    id: 'ipc-exactly-the-contract',
    says: 'every contract call has one ipcMain handler, every command one listener, and nothing else is registered',
    check: (o) => {
      const calls = contractChannels('call');
      const commands = contractChannels('command');
      if (!same(o.invokeHandlers, calls)) return `handlers ${JSON.stringify([...o.invokeHandlers].sort())}, contract ${JSON.stringify(calls.sort())}`;
      if (!same(o.listenerChannels, commands)) return `listeners ${JSON.stringify([...o.listenerChannels].sort())}, contract ${JSON.stringify(commands.sort())}`;
      return null;
    },
  },
  {
    id: 'trusted-call-answered',
    says: 'a call from the main window is answered',
    check: (o) => (code(o.trustedReply) === 'ok' ? null : `reply: ${JSON.stringify(o.trustedReply)}`),
  },
  {
    id: 'untrusted-sender-refused',
    says: 'a call from an unknown webContents, a subframe or a foreign page is refused (forbidden_sender)',
    handlerLevel:
      'the subframe and foreign-page calls: no page can make them — a subframe gets no preload (nodeIntegrationInSubFrames is off) ' +
      "and a same-origin one's calls go through the main frame's preload, arriving as the main frame; a foreign page cannot be " +
      'reached (navigation-locked). The unknown-webContents call is real (a second window with the built preload).',
    check: (o) =>
      o.untrustedReplies.length === 3 && o.untrustedReplies.every((r) => code(r) === 'forbidden_sender') ? null : `replies: ${JSON.stringify(o.untrustedReplies)}`,
  },
  {
    id: 'navigation-locked',
    says: 'a window cannot navigate to, or open, a foreign page',
    check: (o) =>
      o.foreignNavigationAllowed ? 'navigation to a foreign page was allowed' : o.windowOpenAction !== 'deny' ? `window.open answered ${o.windowOpenAction}` : null,
  },
  {
    id: 'permissions-denied',
    says: 'permission requests from pages are denied',
    check: (o) => (o.permissionGranted ? 'a notifications permission request was granted' : null),
  },
  {
    id: 'app-scheme-handled',
    says: "the app's page scheme (app://) is handled, and no other custom scheme",
    check: (o) => (same(o.handledSchemes, ['app']) ? null : `handled: ${JSON.stringify(o.handledSchemes)}`),
  },
];

/** Every fact that does not hold, with what was seen. */
export function failedFacts(o: BootObservation, e: BootExpectations): string[] {
  return BOOT_FACTS.flatMap((f) => {
    const problem = f.check(o, e);
    return problem === null ? [] : [`${f.id} (${f.says}): ${problem}`];
  });
}
