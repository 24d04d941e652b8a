// `webContents` and its main frame: records every load, message and handler; plays navigation and
// window-open requests the way Chromium would hand them to the app.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { electronEvent } from './events';
import type { Runtime } from './runtime';
import type { SessionDouble } from './session';

/** What Electron resolves every window's webPreferences to when an option is left out. */
export const ELECTRON_DEFAULT_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  javascript: true,
} as const;

export class WebFrameMainDouble implements Pick<Electron.WebFrameMain, 'url' | 'origin' | 'name' | 'routingId' | 'processId' | 'isDestroyed'> {
  public url = '';
  public readonly name = '';
  public readonly routingId: number;
  public readonly processId: number;
  public readonly frames: WebFrameMainDouble[] = [];

  public constructor(
    id: number,
    /** Null for a main frame; a subframe has its parent. */
    public readonly parent: WebFrameMainDouble | null,
  ) {
    this.routingId = id;
    this.processId = 1000 + id;
  }

  public get origin(): string {
    try {
      const { origin } = new URL(this.url);
      return origin === 'null' ? this.url.split('/').slice(0, 3).join('/') : origin;
    } catch {
      return '';
    }
  }

  public isDestroyed(): boolean {
    return false;
  }
}

/** The handler the app gave `setWindowOpenHandler`, as Electron calls it. */
type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

/** How a load ends, for pages the double can check (files and handled schemes). */
export type PageResolver = (url: string) => Promise<{ ok: true } | { ok: false; code: string; errno: number }>;

let nextId = 1;

export class WebContentsDouble
  extends EventEmitter
  implements Pick<Electron.WebContents, 'id' | 'getURL' | 'isDestroyed' | 'isLoading' | 'getTitle' | 'focus' | 'openDevTools' | 'closeDevTools' | 'isDevToolsOpened' | 'setBackgroundThrottling' | 'getType' | 'reload' | 'setZoomFactor' | 'setIgnoreMenuShortcuts'>
{
  public readonly id = nextId++;
  public readonly mainFrame: WebFrameMainDouble;
  /** Every `loadURL`/`loadFile` target, in order. */
  public readonly loads: string[] = [];
  /** Every message sent to the page. */
  public readonly sent: { channel: string; args: unknown[] }[] = [];
  public windowOpenHandler: WindowOpenHandler | null = null;
  private destroyed = false;
  private loading = false;
  private devTools = false;

  public constructor(
    private readonly runtime: Runtime,
    public readonly session: SessionDouble,
    /** Effective preferences (Electron's defaults filled in). */
    private readonly preferences: Readonly<Record<string, unknown>>,
    /** The preferences as the app gave them. */
    private readonly given: Readonly<Record<string, unknown>>,
    private readonly resolvePage: PageResolver,
  ) {
    super();
    this.mainFrame = new WebFrameMainDouble(this.id, null);
  }

  /**
   * Electron's (undocumented) read-back of the preferences as given, without defaults filled in; the real
   * specs read the same thing, and the shared facts apply Electron's defaults to both.
   */
  public getLastWebPreferences(): Readonly<Record<string, unknown>> {
    this.alive('getLastWebPreferences');
    return { ...this.given };
  }

  /** What the page actually runs with (Electron's defaults filled in). */
  public effectiveWebPreferences(): Readonly<Record<string, unknown>> {
    return { ...this.preferences };
  }

  public getURL(): string {
    this.alive('getURL');
    return this.mainFrame.url;
  }

  public getTitle(): string {
    return '';
  }

  public getType(): 'window' {
    return 'window';
  }

  public isDestroyed(): boolean {
    return this.destroyed;
  }

  public isLoading(): boolean {
    return this.loading;
  }

  /**
   * Loads as Chromium would: a `file:` page that does not exist, or a scheme nobody handles, fails with
   * Chromium's error and the promise rejects (`did-fail-load`); otherwise `did-finish-load`.
   */
  public loadURL(url: string, options?: Electron.LoadURLOptions): Promise<void> {
    const load = this.load(url, options);
    this.lastLoad = load.catch(() => undefined);
    return load;
  }

  /** Settles when the latest load has (a harness waits for pages as a user would see them). */
  public loadSettled(): Promise<void> {
    return this.lastLoad;
  }

  private lastLoad: Promise<void> = Promise.resolve();

  private async load(url: string, options?: Electron.LoadURLOptions): Promise<void> {
    this.alive('loadURL');
    this.runtime.record('webContents', 'loadURL', [this.id, url, options]);
    this.loads.push(url);
    this.loading = true;
    this.emit('did-start-loading');
    const preload = this.preferences.preload;
    const outcome = await this.resolvePage(url);
    if (this.destroyed) return;
    this.loading = false;
    if (!outcome.ok) {
      this.emit('did-fail-load', electronEvent(), outcome.errno, outcome.code, url, true, this.mainFrame.processId, this.mainFrame.routingId);
      throw new Error(`${outcome.code} (${outcome.errno}) loading '${url}'`);
    }
    this.mainFrame.url = url;
    if (typeof preload === 'string' && !existsSync(preload)) {
      this.emit('preload-error', electronEvent(), preload, new Error(`Unable to load preload script: ${preload}`));
    }
    this.emit('dom-ready', electronEvent());
    this.emit('did-finish-load', electronEvent());
  }

  public loadFile(filePath: string, options?: Electron.LoadFileOptions): Promise<void> {
    const url = new URL(`file://${filePath.startsWith('/') ? '' : '/'}${filePath.replace(/\\/g, '/')}`);
    if (options?.hash) url.hash = options.hash;
    return this.loadURL(url.href);
  }

  public reload(): void {
    this.alive('reload');
    if (this.mainFrame.url) void this.loadURL(this.mainFrame.url).catch(() => undefined);
  }

  /** Throws on a destroyed page, as Electron does: the app must check `isDestroyed()` first. */
  public send(channel: string, ...args: unknown[]): void {
    this.alive('send');
    // Electron serialises with the structured clone algorithm: functions and the like cannot cross.
    this.sent.push({ channel, args: args.map((a) => structuredClone(a)) });
  }

  public setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.alive('setWindowOpenHandler');
    this.runtime.record('webContents', 'setWindowOpenHandler', [this.id]);
    this.windowOpenHandler = handler;
  }

  public focus(): void {
    this.runtime.record('webContents', 'focus', [this.id]);
  }

  public openDevTools(options?: Electron.OpenDevToolsOptions): void {
    this.runtime.record('webContents', 'openDevTools', [this.id, options]);
    this.devTools = true;
  }

  public closeDevTools(): void {
    this.devTools = false;
  }

  public isDevToolsOpened(): boolean {
    return this.devTools;
  }

  public setBackgroundThrottling(allowed: boolean): void {
    this.runtime.record('webContents', 'setBackgroundThrottling', [this.id, allowed]);
  }

  public setZoomFactor(factor: number): void {
    if (!(factor > 0)) this.runtime.fail('webContents.setZoomFactor', "'zoomFactor' must be a double greater than 0.0");
  }

  public setIgnoreMenuShortcuts(ignore: boolean): void {
    this.runtime.record('webContents', 'setIgnoreMenuShortcuts', [this.id, ignore]);
  }

  // ——— what the page or Chromium does, played by a test ———

  /** The page (or a link) asks to navigate the main frame: true if the app let it. */
  public navigate(url: string): boolean {
    const event = electronEvent({ url, isMainFrame: true, isSameDocument: false, frame: this.mainFrame, initiator: this.mainFrame });
    this.emit('will-navigate', event, url, false, true, this.mainFrame.processId, this.mainFrame.routingId);
    if (!event.defaultPrevented) this.mainFrame.url = url;
    return !event.defaultPrevented;
  }

  /** The page calls `window.open(url)` or follows a `target=_blank` link: the app's answer. */
  public requestWindow(url: string): Electron.WindowOpenHandlerResponse {
    const details: Electron.HandlerDetails = {
      url,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
      referrer: { url: this.mainFrame.url, policy: 'strict-origin-when-cross-origin' },
    };
    // With no handler Electron opens the window.
    return this.windowOpenHandler ? this.windowOpenHandler(details) : { action: 'allow' };
  }

  /** The page adds a `<webview>`: true if the app let it attach. */
  public attachWebview(src: string): boolean {
    const event = electronEvent();
    const webPreferences: Electron.WebPreferences = {};
    this.emit('will-attach-webview', event, webPreferences, { src });
    return !event.defaultPrevented;
  }

  /** Closing the window destroys its page. */
  public destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }

  private alive(method: string): void {
    if (this.destroyed) this.runtime.fail(`webContents.${method}`, 'Object has been destroyed', 'TypeError');
  }
}

/** Loads the double checks without a renderer: files exist, schemes are handled; anything else loads. */
export function filePageResolver(handled: (scheme: string) => ((url: string) => Promise<number>) | null): PageResolver {
  return async (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, code: 'ERR_INVALID_URL', errno: -300 };
    }
    const scheme = parsed.protocol.slice(0, -1);
    const handler = handled(scheme);
    if (handler) {
      const status = await handler(url);
      return status >= 200 && status < 300 ? { ok: true } : { ok: false, code: status === 404 ? 'ERR_FILE_NOT_FOUND' : 'ERR_FAILED', errno: status === 404 ? -6 : -2 };
    }
    if (scheme === 'file') return existsSync(fileURLToPath(parsed)) ? { ok: true } : { ok: false, code: 'ERR_FILE_NOT_FOUND', errno: -6 };
    if (scheme === 'http' || scheme === 'https' || scheme === 'about' || scheme === 'data') return { ok: true };
    return { ok: false, code: 'ERR_UNKNOWN_URL_SCHEME', errno: -302 };
  };
}
