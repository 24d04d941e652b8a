import type { MiniSizeMode } from '../../shared/state/preferences';

import type { Rect } from './window-options';

/** A screen as Electron's `screen` module describes it. */
export interface DisplayInfo {
  readonly id: number;
  readonly bounds: Rect;
  readonly workArea: Rect;
  readonly scaleFactor: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The mini-player's size per mode; each layout is designed for it (the renderer's size modes). The minimums are
 * measured: below them controls wrap out of the window (compact) or the device list hides its fourth device
 * (expanded); e2e/mini-minimum-size.spec.ts checks each.
 */
export const MINI_SIZES: Readonly<Record<MiniSizeMode, Size & { readonly minWidth: number; readonly minHeight: number }>> = {
  bar: { width: 420, height: 56, minWidth: 320, minHeight: 48 },
  compact: { width: 340, height: 120, minWidth: 320, minHeight: 120 },
  square: { width: 300, height: 300, minWidth: 220, minHeight: 220 },
  expanded: { width: 380, height: 260, minWidth: 340, minHeight: 250 },
};

const GAP = 8;
const MARGIN = 16;

export type Edge = 'top' | 'bottom' | 'left' | 'right';

const center = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const contains = (r: Rect, p: { x: number; y: number }) => p.x >= r.x && p.y >= r.y && p.x < r.x + r.width && p.y < r.y + r.height;
const distanceTo = (r: Rect, p: { x: number; y: number }) => {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height));
  return Math.hypot(dx, dy);
};

/** The display holding a point, or the nearest one. */
export function displayAt(displays: readonly DisplayInfo[], point: { x: number; y: number }): DisplayInfo | null {
  return displays.find((d) => contains(d.bounds, point)) ?? [...displays].sort((a, b) => distanceTo(a.bounds, point) - distanceTo(b.bounds, point))[0] ?? null;
}

/** Moves a rectangle fully inside an area (shrinking it only if it cannot fit). */
export function clampInto(rect: Rect, area: Rect, margin = 0): Rect {
  const width = Math.min(rect.width, area.width - 2 * margin);
  const height = Math.min(rect.height, area.height - 2 * margin);
  const x = Math.min(Math.max(rect.x, area.x + margin), area.x + area.width - width - margin);
  const y = Math.min(Math.max(rect.y, area.y + margin), area.y + area.height - height - margin);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

/**
 * The edge of its display a tray icon sits on: the panel's side when the icon is outside the work area (a
 * corner icon is nearer the side edge than the taskbar's), else the nearest edge.
 */
export function trayEdge(tray: Rect, display: DisplayInfo): Edge {
  const c = center(tray);
  const area = display.workArea;
  if (c.y >= area.y + area.height) return 'bottom';
  if (c.y < area.y) return 'top';
  if (c.x < area.x) return 'left';
  if (c.x >= area.x + area.width) return 'right';
  const bounds = display.bounds;
  const distances: Array<[Edge, number]> = [
    ['top', c.y - bounds.y],
    ['bottom', bounds.y + bounds.height - c.y],
    ['left', c.x - bounds.x],
    ['right', bounds.x + bounds.width - c.x],
  ];
  return distances.sort((a, b) => a[1] - b[1])[0]![0];
}

/** Where the panel is when the OS does not say where the tray icon is: the side the work area is inset from. */
export function panelEdge(display: DisplayInfo, platform: NodeJS.Platform): Edge {
  const { bounds, workArea } = display;
  const insets: Array<[Edge, number]> = [
    ['top', workArea.y - bounds.y],
    ['bottom', bounds.y + bounds.height - (workArea.y + workArea.height)],
    ['left', workArea.x - bounds.x],
    ['right', bounds.x + bounds.width - (workArea.x + workArea.width)],
  ];
  const [edge, inset] = insets.sort((a, b) => b[1] - a[1])[0]!;
  if (inset > 0) return edge;
  // No panel in the work area (auto-hide, tiling WMs): where the tray usually is.
  return platform === 'win32' ? 'bottom' : 'top';
}

/**
 * The mini-player's first place: next to the tray icon when the OS reports its bounds (macOS, Windows), else
 * the work-area corner nearest the panel on the primary display (where the panel and tray live; the OS may
 * list another display first). Always fully inside a work area.
 */
export function placeNearTray(size: Size, displays: readonly DisplayInfo[], tray: Rect | null, platform: NodeJS.Platform, primaryId: number | null = null): Rect {
  const fallback: DisplayInfo = { id: 0, bounds: { x: 0, y: 0, width: 1280, height: 800 }, workArea: { x: 0, y: 0, width: 1280, height: 800 }, scaleFactor: 1 };
  if (tray && tray.width > 0 && tray.height > 0) {
    const display = displayAt(displays, center(tray)) ?? fallback;
    const c = center(tray);
    const edge = trayEdge(tray, display);
    const rect =
      edge === 'top'
        ? { x: c.x - size.width / 2, y: tray.y + tray.height + GAP }
        : edge === 'bottom'
          ? { x: c.x - size.width / 2, y: tray.y - size.height - GAP }
          : edge === 'left'
            ? { x: tray.x + tray.width + GAP, y: c.y - size.height / 2 }
            : { x: tray.x - size.width - GAP, y: c.y - size.height / 2 };
    return clampInto({ ...rect, ...size }, display.workArea, GAP);
  }
  const display = displays.find((d) => d.id === primaryId) ?? displays[0] ?? fallback;
  const area = display.workArea;
  const edge = panelEdge(display, platform);
  const right = edge !== 'left';
  const top = edge === 'top';
  return clampInto(
    {
      x: right ? area.x + area.width - size.width - MARGIN : area.x + MARGIN,
      y: top ? area.y + MARGIN : area.y + area.height - size.height - MARGIN,
      ...size,
    },
    area,
    0,
  );
}

/** How a window stays on top: a level that survives other apps' fullscreen on macOS; nothing on Wayland. */
export interface OnTopPlan {
  readonly supported: boolean;
  readonly flag: boolean;
  readonly level: 'screen-saver' | 'floating' | 'normal';
  /** macOS: show on every Space, over fullscreen apps too. */
  readonly visibleOnFullScreen: boolean;
}

export function onTopPlan(on: boolean, platform: NodeJS.Platform, wayland: boolean): OnTopPlan {
  if (wayland) return { supported: false, flag: false, level: 'normal', visibleOnFullScreen: false };
  if (!on) return { supported: true, flag: false, level: 'normal', visibleOnFullScreen: false };
  // 'screen-saver' is above fullscreen windows on macOS and Windows; X11 window managers know one level only.
  return { supported: true, flag: true, level: platform === 'linux' ? 'floating' : 'screen-saver', visibleOnFullScreen: platform === 'darwin' };
}

export const WAYLAND_ON_TOP_REASON =
  'Wayland does not let apps keep a window on top or place it. Start Trayplay with --ozone-platform=x11 (XWayland) to get both.';
