/**
 * User Timing marks along the first paint (bench/first-paint.ts reads them for its breakdown): when the
 * page's code starts, when the snapshot is asked for and arrives, and when the first state is rendered.
 */
export type BootMark = 'trayplay:boot' | 'trayplay:state-requested' | 'trayplay:state-received' | 'trayplay:state-rendered';
// The page's inline script sets `trayplay:state-requested`/`-received` first when it asks, and `trayplay:early-painted`.

export function markBoot(name: BootMark): void {
  // Each once per page load: a reconnection's snapshot is not part of the first paint.
  if (typeof performance === 'undefined' || performance.getEntriesByName(name, 'mark').length > 0) return;
  performance.mark(name);
}
