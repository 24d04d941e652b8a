import type { Host } from '../electron/host/host';
import type { MiniSizeMode } from '../shared/state/preferences';

/** The window size main gives each mini-player mode (the shell applies it; tests and screenshots copy it). */
export const MINI_VIEWPORTS: Readonly<Record<MiniSizeMode, { width: number; height: number }>> = {
  bar: { width: 480, height: 56 },
  compact: { width: 340, height: 120 },
  square: { width: 300, height: 300 },
  expanded: { width: 340, height: 260 },
};

/** A page of the app on this host (with its per-launch key where the host has one). */
export function pageUrl(host: Host, page: 'index.html' | 'mini.html'): string {
  const withPages = host as Host & { pageUrl?: (p: 'index.html' | 'mini.html') => string };
  if (typeof withPages.pageUrl === 'function') return withPages.pageUrl(page);
  return page === 'index.html' ? host.url : `${host.url}/${page}`;
}
