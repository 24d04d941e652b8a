// What the parent test asks one boot to be, and what the child reports back (both as JSON).
import type { BootObservation } from './boot-facts';
import type { MenuRow } from './menu';
import type { LinuxBackend, Platform } from './runtime';

export interface BootScenario {
  /** The built main bundle to load (dist/electron/main.cjs). */
  readonly bundle: string;
  readonly isPackaged: boolean;
  /** Extra command-line arguments after the app path (`--hidden`, a trayplay:// URL…). */
  readonly args: readonly string[];
  /** Where a real install keeps its profile; the app may move it with setPath. */
  readonly defaultUserData: string;
  readonly home: string;
  readonly temp: string;
  readonly platform: Platform;
  readonly linuxBackend: LinuxBackend;
  readonly keyMaterial: string;
  readonly lockHeldElsewhere: boolean;
  /** Accelerators another program holds (globalShortcut.register says false). */
  readonly takenAccelerators: readonly string[];
  /** Where the child writes its report (JSON). */
  readonly reportPath: string;
  /** macOS: URLs the OS hands over by `open-url` before `ready` (the link that launched the app). */
  readonly openUrls?: readonly string[];
  /** How to end the run: the tray menu's Quit item (a user's quit), or no quit at all (the app quits itself). */
  readonly quitVia: 'trayMenu' | 'none';
}

export interface BootReport {
  /** Null when the start-up chain did not settle. */
  readonly observation: Omit<BootObservation, 'readyLogged' | 'errorLines'> | null;
  readonly startupSettled: boolean;
  readonly userData: string;
  /** `app.getPath('logs')`, where the app writes main.log (<userData>/logs, or ~/Library/Logs/<name> on macOS). */
  readonly logsDir?: string;
  /** Electron errors the app provoked (the double threw). */
  readonly thrown: readonly { api: string; message: string }[];
  /** Failures the OS may cause at any time (a vault that does not decrypt), which the app must survive. */
  readonly operational: readonly { api: string; message: string }[];
  readonly calls: readonly { api: string; method: string; args: readonly unknown[] }[];
  readonly tray: { readonly rows: readonly MenuRow[]; readonly toolTip: string; readonly menuSets: number } | null;
  /** The state the app reports over IPC (app:getState), to rebuild the expected tray menu from. */
  readonly state: unknown;
  readonly info: unknown;
  /** The player:listDevices reply read just before the state (the tray's device submenu is built from it). */
  readonly devices: unknown;
  readonly shortcuts: readonly string[];
  readonly handledSchemes: readonly string[];
  readonly privilegedSchemes: readonly { scheme: string; privileges: Record<string, unknown> }[];
  /** The effective preferences of every window (Electron's defaults filled in). */
  readonly effectivePreferences: readonly Record<string, unknown>[];
  readonly loads: readonly string[];
  /** What was left once `quit` fired. */
  readonly afterQuit: {
    readonly quitEvents: readonly string[];
    readonly exitCode: number | null;
    readonly invokeHandlers: readonly string[];
    readonly listenerChannels: readonly string[];
    readonly traysAlive: number;
    readonly shortcuts: readonly string[];
    readonly powerListeners: number;
    readonly windowsAlive: number;
    /** Per double emitter, the `event: count` of listeners still attached (the harness's own left out). */
    readonly listenersLeft: Readonly<Record<string, Readonly<Record<string, number>>>>;
  } | null;
  /** `process.getActiveResourcesInfo()` a moment after quit: what could still hold the process open. */
  readonly resourcesAfterQuit: readonly string[];
  /**
   * Timers (setTimeout/setInterval, ref'd or not) still pending when the process exits after quit, each as
   * `kind ref|unref at <where it was started>`; null when the process did not get that far.
   */
  readonly timersAtExit?: readonly string[] | null;
}
