import type { Host } from '../electron/host/host';
import { MINI_SIZES } from '../electron/windows/placement';
import type { MiniSizeMode } from '../shared/state/preferences';

/** The window size main gives each mini-player mode (electron/windows/placement.ts: the shell applies it). */
export const MINI_VIEWPORTS: Readonly<Record<MiniSizeMode, { width: number; height: number }>> = mapModes(({ width, height }) => ({ width, height }));

/** The smallest window the user can drag each mode to. */
export const MINI_MIN_VIEWPORTS: Readonly<Record<MiniSizeMode, { width: number; height: number }>> = mapModes(({ minWidth, minHeight }) => ({
  width: minWidth,
  height: minHeight,
}));

function mapModes<T>(pick: (size: (typeof MINI_SIZES)[MiniSizeMode]) => T): Record<MiniSizeMode, T> {
  return Object.fromEntries((Object.keys(MINI_SIZES) as MiniSizeMode[]).map((mode) => [mode, pick(MINI_SIZES[mode])])) as Record<MiniSizeMode, T>;
}

/** A page of the app on this host (with its per-launch key where the host has one). */
export function pageUrl(host: Host, page: 'index.html' | 'mini.html'): string {
  const withPages = host as Host & { pageUrl?: (p: 'index.html' | 'mini.html') => string };
  if (typeof withPages.pageUrl === 'function') return withPages.pageUrl(page);
  return page === 'index.html' ? host.url : `${host.url}/${page}`;
}
