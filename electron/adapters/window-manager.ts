import { BrowserWindow, session, shell, type WebContents } from 'electron';

import type { Preferences } from '../../shared/state/preferences';
import { Emitter } from '../core/emitter';
import type { WindowControl } from '../core/facades';
import type { Logger } from '../logging/logger';
import { clampInto, displayAt, MINI_SIZES, onTopPlan, placeNearTray } from '../windows/placement';
import { isAppPageUrl, SECURE_WEB_PREFERENCES, windowSpec, type Rect, type WindowRole } from '../windows/window-options';
import { APP_ORIGIN } from '../windows/app-origin';
import type { AutoHideWindow } from '../windows/mini-auto-hide';
import { restore, type WindowStateStore } from '../windows/window-state';

import type { TrustedSenders } from './ipc-main-transport';
import { currentDisplays, primaryDisplayId } from './screen';

export interface WindowManagerOptions {
  /** The built pages over `app://trayplay` (electron/adapters/app-protocol.ts), or the dev server's URL in development. */
  readonly renderer: { kind: 'app' } | { kind: 'devServer'; url: string };
  readonly preloadPath: string;
  readonly log: Logger;
  /** Told when the set of visible windows changes (the refresh policy slows down with only the tray). */
  readonly onVisibilityChange: (anyVisible: boolean) => void;
  /** Window memory, the tray icon's bounds and the mini-player's preferences (placement, size, on top). */
  readonly placement?: {
    readonly memory: WindowStateStore;
    readonly trayBounds: () => Rect | null;
    readonly mini: () => Preferences['mini'];
    readonly wayland: boolean;
  };
}

/** Creates and tracks the app's two windows; the only trusted IPC senders. */
export class WindowManager implements WindowControl, TrustedSenders {
  private readonly windows = new Map<WindowRole, BrowserWindow>();
  private readonly base: string;
  /** The mini-player has a place (remembered, or placed near the tray on its first show). */
  private miniPlaced = false;
  /** macOS: what each window was last set to on all workspaces (a new window is not). */
  private readonly allWorkspaces = new WeakMap<BrowserWindow, boolean>();
  private readonly miniVisibility: Emitter<[boolean]>;

  public constructor(private readonly options: WindowManagerOptions) {
    this.miniVisibility = new Emitter(options.log, 'mini-player visibility listener');
    this.base =
      options.renderer.kind === 'app' ? `${APP_ORIGIN}/` : `${new URL(options.renderer.url).origin}/`;
    // No page may ask for the camera, notifications, and so on.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  }

  public roleOf(webContentsId: number): string | null {
    for (const [role, win] of this.windows) if (!win.isDestroyed() && win.webContents.id === webContentsId) return role;
    return null;
  }

  public isAppUrl(url: string): boolean {
    return isAppPageUrl(url, this.base);
  }

  public targets(): readonly WebContents[] {
    return [...this.windows.values()].filter((w) => !w.isDestroyed()).map((w) => w.webContents);
  }

  public create(role: WindowRole): BrowserWindow {
    const existing = this.windows.get(role);
    if (existing && !existing.isDestroyed()) return existing;
    const spec = windowSpec(role);
    const win = new BrowserWindow({
      ...spec,
      ...this.initialBounds(role),
      backgroundColor: role === 'mini' ? '#141414' : '#121212',
      webPreferences: { ...SECURE_WEB_PREFERENCES, preload: this.options.preloadPath },
    });
    if (role === 'mini') this.applyMiniPreferences();
    this.trackBounds(role, win);
    this.lockDown(win.webContents);
    win.on('show', () => {
      this.options.onVisibilityChange(this.anyVisible());
      if (role === 'mini') this.miniVisibility.emit(true);
    });
    win.on('hide', () => {
      this.options.onVisibilityChange(this.anyVisible());
      if (role === 'mini') this.miniVisibility.emit(false);
    });
    win.on('closed', () => {
      this.windows.delete(role);
      this.options.onVisibilityChange(this.anyVisible());
    });
    this.windows.set(role, win);
    void win.loadURL(`${this.base}${spec.page}`).catch((cause: unknown) => {
      this.options.log.error('a window failed to load', { role, error: cause instanceof Error ? cause.message : String(cause) });
    });
    return win;
  }

  public showMain(): void {
    const win = this.create('main');
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  public toggleMini(): void {
    const win = this.create('mini');
    if (win.isVisible()) win.hide();
    else this.revealMini(win);
  }

  /** Shows the mini-player without taking focus (control links, `--show-mini`). */
  public showMini(): void {
    const win = this.create('mini');
    if (!win.isVisible()) this.revealMini(win);
  }

  public hideMini(): void {
    this.windows.get('mini')?.hide();
  }

  /** The mini-player for the auto-hide rule (electron/windows/mini-auto-hide.ts). */
  public miniForAutoHide(): AutoHideWindow {
    return {
      isVisible: () => {
        const win = this.windows.get('mini');
        return win !== undefined && !win.isDestroyed() && win.isVisible();
      },
      hide: () => this.hideMini(),
      show: () => this.showMini(),
      onVisibilityChange: (listener) => this.miniVisibility.on(listener),
    };
  }

  public anyVisible(): boolean {
    return [...this.windows.values()].some((w) => !w.isDestroyed() && w.isVisible() && !w.isMinimized());
  }

  /** Whether a Trayplay window has the keyboard focus (notifications stay quiet then). */
  public anyFocused(): boolean {
    return [...this.windows.values()].some((w) => !w.isDestroyed() && w.isFocused());
  }

  // ---- placement, memory and the mini-player's preferences (desktop shell) ------------------------

  /** Size mode, always-on-top (at a level above fullscreen apps where the OS allows), opacity. */
  public applyMiniPreferences(): void {
    const win = this.windows.get('mini');
    const placement = this.options.placement;
    if (!win || win.isDestroyed() || !placement) return;
    const mini = placement.mini();
    const size = MINI_SIZES[mini.sizeMode];
    win.setMinimumSize(size.minWidth, size.minHeight);
    const [width, height] = win.getSize();
    if (width !== size.width || height !== size.height) {
      const [x, y] = win.getPosition();
      const bounds = { x: x ?? 0, y: y ?? 0, width: size.width, height: size.height };
      const display = displayAt(currentDisplays(), { x: bounds.x, y: bounds.y });
      win.setBounds(display ? clampInto(bounds, display.workArea) : bounds);
    }
    const top = onTopPlan(mini.alwaysOnTop, process.platform, placement.wayland);
    if (top.supported) {
      win.setAlwaysOnTop(top.flag, top.level);
      // Without skipTransformProcessType each call makes the menu-bar app a foreground app (a Dock icon); and
      // only on a change, as the call is not free and preferences change for opacity or size too.
      if (process.platform === 'darwin' && (this.allWorkspaces.get(win) ?? false) !== top.flag) {
        win.setVisibleOnAllWorkspaces(top.flag, { visibleOnFullScreen: top.visibleOnFullScreen, skipTransformProcessType: true });
        this.allWorkspaces.set(win, top.flag);
      }
    }
    win.setOpacity(mini.opacity / 100);
    win.setSkipTaskbar(true);
  }

  /** Displays changed: any window now mostly off-screen comes back onto one that exists. */
  public recoverOffscreen(): void {
    const displays = currentDisplays();
    for (const win of this.windows.values()) {
      if (win.isDestroyed()) continue;
      const current = win.getBounds();
      const fixed = restore({ byArrangement: [['now', current]] }, displays);
      if (fixed.bounds && fixed.how === 'recovered') win.setBounds(fixed.bounds);
    }
  }

  private initialBounds(role: WindowRole): Partial<Rect> {
    const placement = this.options.placement;
    if (!placement) return {};
    const displays = currentDisplays();
    const size = role === 'mini' ? MINI_SIZES[placement.mini().sizeMode] : undefined;
    const restored = restore(placement.memory.memory(role), displays, size);
    if (role === 'mini') this.miniPlaced = restored.bounds !== null;
    return restored.bounds ?? size ?? {};
  }

  /** First show with no remembered place: next to the tray icon, or the work-area corner nearest the panel. */
  private revealMini(win: BrowserWindow): void {
    const placement = this.options.placement;
    if (!this.miniPlaced && placement) {
      const [width, height] = win.getSize();
      win.setBounds(placeNearTray({ width: width ?? 340, height: height ?? 120 }, currentDisplays(), placement.trayBounds(), process.platform, primaryDisplayId()));
      this.miniPlaced = true;
    }
    win.showInactive();
  }

  private trackBounds(role: WindowRole, win: BrowserWindow): void {
    const placement = this.options.placement;
    if (!placement) return;
    const save = (): void => {
      if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
      placement.memory.save(role, currentDisplays(), win.isMaximized() ? win.getNormalBounds() : win.getBounds());
    };
    // 'moved'/'resized' fire once at the end of a drag (macOS, Windows); Linux sends 'move'/'resize' throughout.
    const events = process.platform === 'linux' ? (['move', 'resize'] as const) : (['moved', 'resized'] as const);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 400);
    };
    for (const name of events) win.on(name as 'move', later);
    win.on('close', save);
  }

  /** Navigation, new windows and webviews are refused; links open in the system browser only if https. */
  private lockDown(contents: WebContents): void {
    contents.on('will-navigate', (event, url) => {
      if (!this.isAppUrl(url)) {
        event.preventDefault();
        this.options.log.warn('blocked navigation', { url: url.slice(0, 120) });
      }
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://developer.spotify.com/') || url.startsWith('https://www.spotify.com/')) {
        shell.openExternal(url).catch((cause: unknown) => {
          this.options.log.warn('could not open the browser', { error: cause instanceof Error ? cause.message : String(cause) });
        });
      }
      return { action: 'deny' };
    });
  }
}
