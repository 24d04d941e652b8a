import type { TrayplayApi } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { AppState } from '../../shared/state/app-state';

/** The snapshot asked for before React mounts, and any push that arrived meanwhile. */
export interface EarlyState {
  readonly snapshot: Promise<Result<AppState>>;
  /** The newest state pushed since the request (null if none yet). */
  latestPush(): AppState | null;
  /** Stops buffering pushes (the window's own subscription has taken over). */
  release(): void;
}

const early = new WeakMap<TrayplayApi, EarlyState>();

/**
 * Starts the snapshot request at once, so it travels while React loads and renders the first frame. Pushes are
 * buffered from the same moment, so none is lost before the window subscribes.
 */
export function requestStateEarly(api: TrayplayApi): void {
  if (early.has(api)) return;
  let latest: AppState | null = null;
  const unsubscribe = api.app.onState((state) => {
    if (latest === null || state.rev > latest.rev) latest = state;
  });
  early.set(api, { snapshot: api.app.getState(), latestPush: () => latest, release: unsubscribe });
}

/** The early request for this API, once: later callers (a remount, a reconnection) ask again themselves. */
export function takeEarlyState(api: TrayplayApi): EarlyState | null {
  const found = early.get(api) ?? null;
  early.delete(api);
  return found;
}
