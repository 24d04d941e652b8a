// `app`: lifecycle, paths, single-instance lock, login items, protocol client, command line.
import { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

import { electronEvent, trackedPromiseClass } from './events';
import type { Runtime } from './runtime';

type PathName = Parameters<Electron.App['getPath']>[0];

export interface AppOptions {
  readonly name: string;
  readonly version: string;
  readonly isPackaged: boolean;
  /** Directory of the app (`app.getAppPath()`): the project in development, `resources/app.asar` packaged. */
  readonly appPath: string;
  /** Default paths before any `setPath` (userData is where a real install would keep its profile). */
  readonly paths: Partial<Record<PathName, string>>;
  /** Another instance already holds the lock for this profile. */
  readonly lockHeldElsewhere: boolean;
  readonly locale: string;
}

/** Electron's `CommandLine`: switches Chromium reads at start-up. */
export class CommandLineDouble implements Pick<Electron.CommandLine, 'appendSwitch' | 'appendArgument' | 'hasSwitch' | 'getSwitchValue' | 'removeSwitch'> {
  public readonly switches = new Map<string, string>();
  public readonly arguments: string[] = [];

  public constructor(private readonly runtime: Runtime) {}

  public appendSwitch(name: string, value?: string): void {
    this.runtime.record('app.commandLine', 'appendSwitch', [name, value]);
    this.switches.set(name, value ?? '');
  }
  public appendArgument(value: string): void {
    this.runtime.record('app.commandLine', 'appendArgument', [value]);
    this.arguments.push(value);
  }
  public hasSwitch(name: string): boolean {
    return this.switches.has(name);
  }
  public getSwitchValue(name: string): string {
    return this.switches.get(name) ?? '';
  }
  public removeSwitch(name: string): void {
    this.switches.delete(name);
  }
}

type AppKeys =
  | 'whenReady'
  | 'isReady'
  | 'quit'
  | 'exit'
  | 'relaunch'
  | 'focus'
  | 'requestSingleInstanceLock'
  | 'hasSingleInstanceLock'
  | 'releaseSingleInstanceLock'
  | 'getPath'
  | 'setPath'
  | 'getAppPath'
  | 'getName'
  | 'setName'
  | 'getVersion'
  | 'getLocale'
  | 'getSystemLocale'
  | 'setLoginItemSettings'
  | 'getLoginItemSettings'
  | 'setAsDefaultProtocolClient'
  | 'removeAsDefaultProtocolClient'
  | 'isDefaultProtocolClient'
  | 'setAppUserModelId'
  | 'setDesktopName'
  | 'disableHardwareAcceleration'
  | 'isPackaged'
  | 'commandLine';

export class AppDouble extends EventEmitter implements Pick<Electron.App, AppKeys> {
  public readonly commandLine: CommandLineDouble;
  /** macOS only, as in Electron: undefined elsewhere. */
  public readonly dock: { hide(): void; show(): Promise<void>; isVisible(): boolean } | undefined;
  /** Every promise the app derived from `whenReady()`. */
  public readonly startupChain: Promise<unknown>[] = [];
  /** Set by `exit()` (or at the end of a quit): the code the process would end with. */
  public exitCode: number | null = null;
  /** Called when Electron would end the process; the harness decides what that means. */
  public onProcessEnd: (code: number) => void = () => undefined;
  /** Called to close every window during a quit (the BrowserWindow module plugs in). */
  public closeAllWindows: (force: boolean) => boolean = () => true;

  private name: string;
  private readonly paths = new Map<string, string>();
  private readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private lock = false;
  private quitting = false;
  private loginItem: Electron.Settings = {};
  private readonly protocolClients = new Set<string>();

  public constructor(
    private readonly runtime: Runtime,
    private readonly options: AppOptions,
  ) {
    super();
    this.name = options.name;
    for (const [key, value] of Object.entries(options.paths)) if (value) this.paths.set(key, value);
    this.commandLine = new CommandLineDouble(runtime);
    let dockVisible = true;
    this.dock =
      runtime.options.platform === 'darwin'
        ? {
            hide: () => {
              runtime.record('app', 'dock.hide');
              dockVisible = false;
            },
            show: () => {
              dockVisible = true;
              return Promise.resolve();
            },
            isVisible: () => dockVisible,
          }
        : undefined;
    const Tracked = trackedPromiseClass(this.startupChain);
    this.ready = new Tracked<void>((resolve) => (this.resolveReady = resolve));
  }

  public get isPackaged(): boolean {
    return this.options.isPackaged;
  }

  /** Electron fires these once the main script has run; the harness calls this. */
  public emitReady(): void {
    if (this.runtime.isReady()) return;
    this.emit('will-finish-launching');
    this.runtime.markReady();
    this.resolveReady();
    this.emit('ready', electronEvent(), {});
  }

  /** Settles when every promise the app derived from `whenReady()` has (waiting adds none of its own). */
  public async startupSettled(): Promise<void> {
    // The native `then`, not the recording one: waiting must not add promises to wait for.
    const settled = (p: Promise<unknown>): Promise<void> =>
      new Promise((done) => void Promise.prototype.then.call(p, () => done(), () => done()));
    let seen = -1;
    while (seen !== this.startupChain.length) {
      seen = this.startupChain.length;
      await Promise.all(this.startupChain.slice().map(settled));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  public whenReady(): Promise<void> {
    this.runtime.record('app', 'whenReady');
    return this.ready;
  }

  public isReady(): boolean {
    return this.runtime.isReady();
  }

  public isQuitting(): boolean {
    return this.quitting;
  }

  /**
   * As Electron: `before-quit` (preventable) at once, then every window closes (each may refuse), then
   * `will-quit` (preventable) and `quit`. Electron then ends the process; the harness is told.
   */
  public quit(): void {
    this.runtime.record('app', 'quit');
    if (this.quitting) return;
    const before = electronEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    this.quitting = true;
    setImmediate(() => {
      if (!this.closeAllWindows(false)) {
        this.quitting = false;
        return;
      }
      const will = electronEvent();
      this.emit('will-quit', will);
      if (will.defaultPrevented) {
        this.quitting = false;
        return;
      }
      this.exitCode = 0;
      this.emit('quit', electronEvent(), 0);
      this.onProcessEnd(0);
    });
  }

  /** Ends at once: windows are destroyed without asking, and no quit events are emitted. */
  public exit(exitCode = 0): void {
    this.runtime.record('app', 'exit', [exitCode]);
    this.exitCode = exitCode;
    this.closeAllWindows(true);
    this.onProcessEnd(exitCode);
  }

  public relaunch(options?: Electron.RelaunchOptions): void {
    this.runtime.record('app', 'relaunch', [options]);
  }

  public focus(options?: Electron.FocusOptions): void {
    this.runtime.record('app', 'focus', [options]);
  }

  /** The lock is keyed on the profile folder (userData): ask after any `setPath('userData')`. */
  public requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    this.runtime.record('app', 'requestSingleInstanceLock', [additionalData]);
    this.lock = !this.options.lockHeldElsewhere;
    return this.lock;
  }

  public hasSingleInstanceLock(): boolean {
    return this.lock;
  }

  public releaseSingleInstanceLock(): void {
    this.runtime.record('app', 'releaseSingleInstanceLock');
    this.lock = false;
  }

  public getPath(name: PathName): string {
    const path = this.paths.get(name) ?? this.derivedPath(name);
    if (path === undefined) return this.runtime.fail('app.getPath', `Failed to get '${name}' path`);
    return path;
  }

  /** Paths Electron computes from others when first asked: sessionData and (Linux, Windows) logs follow userData. */
  private derivedPath(name: PathName): string | undefined {
    const userData = this.paths.get('userData');
    if (name === 'sessionData') return userData;
    if (name !== 'logs') return undefined;
    if (this.runtime.options.platform === 'darwin') {
      const home = this.paths.get('home');
      return home === undefined ? undefined : join(home, 'Library', 'Logs', this.name);
    }
    return userData === undefined ? undefined : join(userData, 'logs');
  }

  /** Electron refuses relative paths and folders that do not exist ("Failed to set path"). */
  public setPath(name: string, path: string): void {
    this.runtime.record('app', 'setPath', [name, path]);
    if (!isAbsolute(path)) this.runtime.fail('app.setPath', 'Path must be absolute');
    if (!existsSync(path) || !statSync(path).isDirectory()) this.runtime.fail('app.setPath', 'Failed to set path');
    this.paths.set(name, path);
  }

  public getAppPath(): string {
    return this.options.appPath;
  }

  public getName(): string {
    return this.name;
  }

  public setName(name: string): void {
    this.runtime.record('app', 'setName', [name]);
    this.name = name;
  }

  public getVersion(): string {
    return this.options.version;
  }

  public getLocale(): string {
    if (!this.runtime.isReady()) return '';
    return this.options.locale;
  }

  public getSystemLocale(): string {
    return this.options.locale;
  }

  public setLoginItemSettings(settings: Electron.Settings): void {
    this.runtime.record('app', 'setLoginItemSettings', [settings]);
    // Linux has no login items in Electron: the call does nothing there.
    if (this.runtime.options.platform !== 'linux') this.loginItem = { ...settings };
  }

  public getLoginItemSettings(options?: Electron.LoginItemSettingsOptions): Electron.LoginItemSettings {
    this.runtime.record('app', 'getLoginItemSettings', [options]);
    return {
      openAtLogin: this.loginItem.openAtLogin ?? false,
      wasOpenedAtLogin: false,
      status: 'not-registered',
      executableWillLaunchAtLogin: this.loginItem.openAtLogin ?? false,
      launchItems: [],
    };
  }

  /** Scheme names follow RFC 3986 (`ALPHA *(ALPHA / DIGIT / + / - / .)`); others are refused with false. */
  public setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    this.runtime.record('app', 'setAsDefaultProtocolClient', [protocol, path, args]);
    if (!/^[A-Za-z][A-Za-z0-9+.-]*$/.test(protocol)) return false;
    this.protocolClients.add(protocol);
    return true;
  }

  public removeAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    this.runtime.record('app', 'removeAsDefaultProtocolClient', [protocol, path, args]);
    return this.protocolClients.delete(protocol);
  }

  public isDefaultProtocolClient(protocol: string): boolean {
    return this.protocolClients.has(protocol);
  }

  public setAppUserModelId(id: string): void {
    this.runtime.record('app', 'setAppUserModelId', [id]);
  }

  public setDesktopName(name: string): void {
    this.runtime.record('app', 'setDesktopName', [name]);
  }

  /** Only before `ready`, as in Electron. */
  public disableHardwareAcceleration(): void {
    this.runtime.record('app', 'disableHardwareAcceleration');
    if (this.runtime.isReady()) this.runtime.fail('app.disableHardwareAcceleration', 'app.disableHardwareAcceleration() can only be called before app is ready');
  }
}
