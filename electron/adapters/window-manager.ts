import { BrowserWindow, screen, session, shell, type WebContents } from 'electron';

import type { WindowControl } from '../core/facades';
import type { Logger } from '../logging/logger';
import { isAppPageUrl, placeMini, SECURE_WEB_PREFERENCES, windowSpec, type WindowRole } from '../windows/window-options';

import { APP_ORIGIN } from '../windows/app-origin';

import type { TrustedSenders } from './ipc-main-transport';

export interface WindowManagerOptions {
  /** The built pages over `app://trayplay` (electron/adapters/app-protocol.ts), or the dev server's URL in development. */
  readonly renderer: { kind: 'app' } | { kind: 'devServer'; url: string };
  readonly preloadPath: string;
  readonly log: Logger;
  /** Told when the set of visible windows changes (the refresh policy slows down with only the tray). */
  readonly onVisibilityChange: (anyVisible: boolean) => void;
}

/** Creates and tracks the app's two windows; the only trusted IPC senders. */
export class WindowManager implements WindowControl, TrustedSenders {
  private readonly windows = new Map<WindowRole, BrowserWindow>();
  private readonly base: string;

  public constructor(private readonly options: WindowManagerOptions) {
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
      ...(role === 'mini' ? this.miniBounds(spec) : {}),
      backgroundColor: role === 'mini' ? '#141414' : '#121212',
      webPreferences: { ...SECURE_WEB_PREFERENCES, preload: this.options.preloadPath },
    });
    if (role === 'mini') win.setAlwaysOnTop(true, 'floating');
    this.lockDown(win.webContents);
    win.on('show', () => this.options.onVisibilityChange(this.anyVisible()));
    win.on('hide', () => this.options.onVisibilityChange(this.anyVisible()));
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
    else win.showInactive();
  }

  /** Shows the mini-player without taking focus (control links, `--show-mini`). */
  public showMini(): void {
    const win = this.create('mini');
    if (!win.isVisible()) win.showInactive();
  }

  public hideMini(): void {
    this.windows.get('mini')?.hide();
  }

  public anyVisible(): boolean {
    return [...this.windows.values()].some((w) => !w.isDestroyed() && w.isVisible() && !w.isMinimized());
  }

  private miniBounds(spec: { width: number; height: number }) {
    return placeMini(
      null,
      screen.getAllDisplays().map((d) => d.workArea),
      spec,
    );
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
