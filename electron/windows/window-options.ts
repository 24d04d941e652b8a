import { APP_PAGES } from './app-origin';

/** Window roles the app creates; each is a trusted IPC sender. */
export type WindowRole = 'main' | 'mini';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Security settings every window gets; kept in one place so no window can forget one. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
} as const;

export interface WindowSpec {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly resizable: boolean;
  readonly frame: boolean;
  readonly alwaysOnTop: boolean;
  readonly skipTaskbar: boolean;
  readonly show: boolean;
  readonly title: string;
  readonly page: 'index.html' | 'mini.html';
}

/** Plain options per role, so they are tested without Electron. */
export function windowSpec(role: WindowRole): WindowSpec {
  switch (role) {
    case 'main':
      return {
        width: 920,
        height: 640,
        minWidth: 640,
        minHeight: 480,
        resizable: true,
        frame: true,
        alwaysOnTop: false,
        skipTaskbar: false,
        show: false,
        title: 'Trayplay',
        page: 'index.html',
      };
    case 'mini':
      return {
        width: 340,
        height: 120,
        minWidth: 280,
        minHeight: 100,
        resizable: true,
        frame: false,
        alwaysOnTop: true,
        skipTaskbar: true,
        show: false,
        title: 'Trayplay mini-player',
        page: 'mini.html',
      };
  }
}

/**
 * Where the mini-player goes: the saved position when it is still on a screen (monitors change),
 * otherwise the bottom-right corner of the primary work area with a margin.
 */
export function placeMini(saved: Rect | null, workAreas: readonly Rect[], size: { width: number; height: number }): Rect {
  const fits = (area: Rect, r: Rect): boolean =>
    r.x >= area.x && r.y >= area.y && r.x + r.width <= area.x + area.width && r.y + r.height <= area.y + area.height;
  if (saved && workAreas.some((area) => fits(area, saved))) return saved;
  const area = workAreas[0] ?? { x: 0, y: 0, width: 1280, height: 800 };
  const margin = 16;
  return {
    x: area.x + area.width - size.width - margin,
    y: area.y + area.height - size.height - margin,
    width: size.width,
    height: size.height,
  };
}

/**
 * Whether a URL is one of the app's own pages: exactly `<base>index.html` or `<base>mini.html`, with at most a
 * query or fragment after it. An exact string match, so no encoding (`%2e%2e`, `%2f`, `\\`) or prefix trick
 * can make another document look like ours.
 */
export function isAppPageUrl(url: string, rendererBase: string): boolean {
  if (!rendererBase.endsWith('/')) return false;
  const end = url.search(/[?#]/);
  const document = end === -1 ? url : url.slice(0, end);
  return APP_PAGES.some((page) => document === `${rendererBase}${page.slice(1)}`);
}
