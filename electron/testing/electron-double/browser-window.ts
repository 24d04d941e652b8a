// `BrowserWindow`: records the options every window was created with and plays show/hide/close.
import { EventEmitter } from 'node:events';

import { electronEvent } from './events';
import type { Runtime } from './runtime';
import type { SessionDouble } from './session';
import { ELECTRON_DEFAULT_WEB_PREFERENCES, WebContentsDouble, type PageResolver } from './web-contents';

type WindowKeys =
  | 'show'
  | 'showInactive'
  | 'hide'
  | 'focus'
  | 'blur'
  | 'isVisible'
  | 'isFocused'
  | 'isMinimized'
  | 'minimize'
  | 'restore'
  | 'maximize'
  | 'isMaximized'
  | 'setAlwaysOnTop'
  | 'isAlwaysOnTop'
  | 'close'
  | 'destroy'
  | 'isDestroyed'
  | 'getBounds'
  | 'setBounds'
  | 'getPosition'
  | 'setPosition'
  | 'getSize'
  | 'setSize'
  | 'center'
  | 'setSkipTaskbar'
  | 'setVisibleOnAllWorkspaces'
  | 'setMenuBarVisibility'
  | 'removeMenu'
  | 'setTitle'
  | 'getTitle'
  | 'setResizable'
  | 'isResizable'
  | 'setIgnoreMouseEvents'
  | 'setOpacity'
  | 'getOpacity'
  | 'setBackgroundColor'
  | 'setFocusable'
  | 'loadURL'
  | 'loadFile';

/** A created window's record, for assertions. */
export interface WindowRecord {
  readonly id: number;
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly webPreferences: Readonly<Record<string, unknown>>;
}

/** What every window of one double shares. */
export interface WindowContext {
  readonly runtime: Runtime;
  readonly defaultSession: () => SessionDouble;
  readonly resolvePage: PageResolver;
  readonly created: BrowserWindowDouble[];
  focused: BrowserWindowDouble | null;
  nextId: number;
}

/** `BrowserWindow` as the app sees it: `new BrowserWindow(options)` plus the static look-ups. */
export interface BrowserWindowConstructor {
  new (options?: Electron.BrowserWindowConstructorOptions): BrowserWindowDouble;
  getAllWindows(): BrowserWindowDouble[];
  getFocusedWindow(): BrowserWindowDouble | null;
  fromWebContents(contents: WebContentsDouble): BrowserWindowDouble | null;
  fromId(id: number): BrowserWindowDouble | null;
}

export interface BrowserWindowModule {
  readonly BrowserWindow: BrowserWindowConstructor;
  /** Every window ever created, in order (destroyed ones too). */
  readonly created: BrowserWindowDouble[];
  /** Closes every open window; false if one refused (`close` prevented). */
  closeAll(force: boolean): boolean;
}

export class BrowserWindowDouble extends EventEmitter implements Pick<Electron.BrowserWindow, WindowKeys> {
  public readonly id: number;
  public readonly webContents: WebContentsDouble;
  public readonly record: WindowRecord;
  private visible = false;
  private minimized = false;
  private maximized = false;
  private destroyed = false;
  private onTop: boolean;
  private bounds: Electron.Rectangle;
  private title: string;
  private resizable: boolean;
  private opacity = 1;

  /** Electron refuses a window before `ready`. */
  public constructor(
    private readonly ctx: WindowContext,
    options: Electron.BrowserWindowConstructorOptions = {},
  ) {
    super();
    const { runtime, defaultSession, resolvePage, created } = ctx;
    runtime.record('BrowserWindow', 'new', [options]);
    runtime.requireReady('BrowserWindow', 'Cannot create BrowserWindow before app is ready');
    this.id = ctx.nextId++;
    const given = options.webPreferences ?? {};
    // Electron turns the sandbox off by default only when Node integration is on.
    const sandboxDefault = given.nodeIntegration === true ? false : ELECTRON_DEFAULT_WEB_PREFERENCES.sandbox;
    const webPreferences = { ...ELECTRON_DEFAULT_WEB_PREFERENCES, sandbox: sandboxDefault, ...given };
    // Electron ignores a relative preload path (it logs an error); the page then runs without one.
    if (typeof webPreferences.preload === 'string' && !webPreferences.preload.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(webPreferences.preload)) {
      runtime.thrown.push({ api: 'BrowserWindow', message: `preload script must have absolute path: ${webPreferences.preload}` });
    }
    this.record = { id: this.id, options, webPreferences };
    this.webContents = new WebContentsDouble(runtime, given.session ? (given.session as unknown as SessionDouble) : defaultSession(), webPreferences, given as Record<string, unknown>, resolvePage);
    this.onTop = options.alwaysOnTop ?? false;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.title = options.title ?? '';
    this.resizable = options.resizable ?? true;
    created.push(this);
    this.webContents.once('did-finish-load', () => {
      if (!this.destroyed) this.emit('ready-to-show');
    });
    if (options.show !== false) this.show();
  }

  public show(): void {
    this.alive('show');
    this.ctx.runtime.record('BrowserWindow', 'show', [this.id]);
    const was = this.visible;
    this.visible = true;
    this.minimized = false;
    if (!was) this.emit('show');
    this.focus();
  }
  public showInactive(): void {
    this.alive('showInactive');
    this.ctx.runtime.record('BrowserWindow', 'showInactive', [this.id]);
    const was = this.visible;
    this.visible = true;
    if (!was) this.emit('show');
  }
  public hide(): void {
    this.alive('hide');
    this.ctx.runtime.record('BrowserWindow', 'hide', [this.id]);
    const was = this.visible;
    this.visible = false;
    if (was) this.emit('hide');
  }
  public focus(): void {
    this.alive('focus');
    if (this.ctx.focused === this) return;
    this.ctx.focused?.emit('blur');
    this.ctx.focused = this;
    this.emit('focus');
  }
  public blur(): void {
    if (this.ctx.focused === this) {
      this.ctx.focused = null;
      this.emit('blur');
    }
  }
  public isVisible(): boolean {
    this.alive('isVisible');
    return this.visible;
  }
  public isFocused(): boolean {
    return this.ctx.focused === this;
  }
  public isMinimized(): boolean {
    this.alive('isMinimized');
    return this.minimized;
  }
  public minimize(): void {
    this.alive('minimize');
    this.minimized = true;
    this.emit('minimize');
  }
  public restore(): void {
    this.alive('restore');
    const was = this.minimized;
    this.minimized = false;
    if (was) this.emit('restore');
  }
  public maximize(): void {
    this.maximized = true;
    this.emit('maximize');
  }
  public isMaximized(): boolean {
    return this.maximized;
  }
  public setAlwaysOnTop(flag: boolean, level?: Parameters<Electron.BrowserWindow['setAlwaysOnTop']>[1], relativeLevel?: number): void {
    this.alive('setAlwaysOnTop');
    this.ctx.runtime.record('BrowserWindow', 'setAlwaysOnTop', [this.id, flag, level, relativeLevel]);
    this.onTop = flag;
    this.emit('always-on-top-changed', electronEvent(), flag);
  }
  public isAlwaysOnTop(): boolean {
    this.alive('isAlwaysOnTop');
    return this.onTop;
  }
  /** `close` may be prevented by a listener; otherwise the window and its page are destroyed. */
  public close(): void {
    if (this.destroyed) return;
    this.ctx.runtime.record('BrowserWindow', 'close', [this.id]);
    const event = electronEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  public destroy(): void {
    if (this.destroyed) return;
    this.ctx.runtime.record('BrowserWindow', 'destroy', [this.id]);
    this.destroyed = true;
    this.visible = false;
    if (this.ctx.focused === this) this.ctx.focused = null;
    this.webContents.destroy();
    this.emit('closed');
  }
  public isDestroyed(): boolean {
    return this.destroyed;
  }
  public getBounds(): Electron.Rectangle {
    this.alive('getBounds');
    return { ...this.bounds };
  }
  public setBounds(bounds: Partial<Electron.Rectangle>): void {
    this.alive('setBounds');
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('move');
    this.emit('resize');
  }
  public getPosition(): number[] {
    return [this.bounds.x, this.bounds.y];
  }
  public setPosition(x: number, y: number): void {
    this.setBounds({ x, y });
  }
  public getSize(): number[] {
    return [this.bounds.width, this.bounds.height];
  }
  public setMinimumSize(width: number, height: number): void {
    this.alive('setMinimumSize');
    this.ctx.runtime.record('BrowserWindow', 'setMinimumSize', [this.id, width, height]);
  }
  public isFullScreen(): boolean {
    this.alive('isFullScreen');
    return false;
  }
  /** Not maximized in the double, so the normal bounds are the bounds. */
  public getNormalBounds(): Electron.Rectangle {
    this.alive('getNormalBounds');
    return { ...this.bounds };
  }
  public setSize(width: number, height: number): void {
    this.setBounds({ width, height });
  }
  public center(): void {
    this.ctx.runtime.record('BrowserWindow', 'center', [this.id]);
  }
  public setSkipTaskbar(skip: boolean): void {
    this.ctx.runtime.record('BrowserWindow', 'setSkipTaskbar', [this.id, skip]);
  }
  public setVisibleOnAllWorkspaces(visible: boolean, options?: Electron.VisibleOnAllWorkspacesOptions): void {
    this.ctx.runtime.record('BrowserWindow', 'setVisibleOnAllWorkspaces', [this.id, visible, options]);
  }
  public setMenuBarVisibility(visible: boolean): void {
    this.ctx.runtime.record('BrowserWindow', 'setMenuBarVisibility', [this.id, visible]);
  }
  public removeMenu(): void {
    this.ctx.runtime.record('BrowserWindow', 'removeMenu', [this.id]);
  }
  public setTitle(title: string): void {
    this.title = title;
  }
  public getTitle(): string {
    return this.title;
  }
  public setResizable(resizable: boolean): void {
    this.resizable = resizable;
  }
  public isResizable(): boolean {
    return this.resizable;
  }
  public setIgnoreMouseEvents(ignore: boolean, options?: Electron.IgnoreMouseEventsOptions): void {
    this.ctx.runtime.record('BrowserWindow', 'setIgnoreMouseEvents', [this.id, ignore, options]);
  }
  public setOpacity(opacity: number): void {
    this.opacity = Math.min(1, Math.max(0, opacity));
  }
  public getOpacity(): number {
    return this.opacity;
  }
  public setBackgroundColor(color: string): void {
    this.ctx.runtime.record('BrowserWindow', 'setBackgroundColor', [this.id, color]);
  }
  public setFocusable(focusable: boolean): void {
    this.ctx.runtime.record('BrowserWindow', 'setFocusable', [this.id, focusable]);
  }
  public loadURL(url: string, options?: Electron.LoadURLOptions): Promise<void> {
    return this.webContents.loadURL(url, options);
  }
  public loadFile(filePath: string, options?: Electron.LoadFileOptions): Promise<void> {
    return this.webContents.loadFile(filePath, options);
  }

  private alive(method: string): void {
    if (this.destroyed) this.ctx.runtime.fail(`BrowserWindow.${method}`, 'Object has been destroyed', 'TypeError');
  }
}

export function createBrowserWindowModule(runtime: Runtime, defaultSession: () => SessionDouble, resolvePage: PageResolver): BrowserWindowModule {
  const ctx: WindowContext = { runtime, defaultSession, resolvePage, created: [], focused: null, nextId: 1 };
  const live = (): BrowserWindowDouble[] => ctx.created.filter((w) => !w.isDestroyed());
  const BrowserWindow: BrowserWindowConstructor = class extends BrowserWindowDouble {
    public static getAllWindows = live;
    public static getFocusedWindow = (): BrowserWindowDouble | null => (ctx.focused && !ctx.focused.isDestroyed() ? ctx.focused : null);
    public static fromWebContents = (contents: WebContentsDouble): BrowserWindowDouble | null => live().find((w) => w.webContents === contents) ?? null;
    public static fromId = (id: number): BrowserWindowDouble | null => live().find((w) => w.id === id) ?? null;
    public constructor(options?: Electron.BrowserWindowConstructorOptions) {
      super(ctx, options);
    }
  };
  const created = ctx.created;
  return {
    BrowserWindow,
    created,
    closeAll: (force) => {
      for (const win of live()) {
        if (force) win.destroy();
        else win.close();
        if (!win.isDestroyed()) return false;
      }
      return true;
    },
  };
}

