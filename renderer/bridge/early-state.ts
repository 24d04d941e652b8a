import type { TrayplayApi } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { AppState } from '../../shared/state/app-state';

import { markBoot } from './boot-marks';

/** The snapshot asked for before React mounts, and any push that arrived meanwhile. */
export interface EarlyState {
  readonly snapshot: Promise<Result<AppState>>;
  /** The newest state pushed since the request (null if none yet). */
  latestPush(): AppState | null;
  /** Stops buffering pushes (the window's own subscription has taken over). */
  release(): void;
  /** The newest state already here (the snapshot's, if it answered, or a push), for the first frame. */
  current(): AppState | null;
}

/** What the page's inline script already has (renderer/bridge/early-handoff.ts). */
export interface EarlyStart {
  /** A snapshot already here, checked: the first frame shows it. */
  readonly initial?: AppState | null;
  /** A request already made (Electron's preload API, asked by the inline script): not asked again. */
  readonly snapshot?: Promise<Result<AppState>> | null;
  /** The newest state pushed before this module ran (Electron: kept by the inline script): the first push. */
  readonly push?: AppState | null;
}

const early = new WeakMap<TrayplayApi, EarlyState>();

/**
 * Starts the snapshot request at once, so it travels while React loads and renders the first frame. Pushes are
 * buffered from the same moment, so none is lost before the window subscribes.
 */
export function requestStateEarly(api: TrayplayApi, from: EarlyStart = {}): void {
  if (early.has(api)) return;
  let latest: AppState | null = from.push ?? null;
  const unsubscribe = api.app.onState((state) => {
    if (latest === null || state.rev > latest.rev) latest = state;
  });
  let answered: AppState | null = from.initial ?? null;
  markBoot('trayplay:state-requested');
  const snapshot = from.snapshot ?? api.app.getState();
  void snapshot.then(
    (reply) => {
      markBoot('trayplay:state-received');
      if (reply.ok) answered = reply.value;
    },
    () => undefined,
  );
  const current = (): AppState | null => {
    if (answered === null || latest === null) return answered ?? latest;
    return answered.rev >= latest.rev ? answered : latest;
  };
  early.set(api, { snapshot, latestPush: () => latest, release: unsubscribe, current });
}

/** What the early request has brought so far, without taking it (the window's first render reads it). */
export function peekEarlyState(api: TrayplayApi): AppState | null {
  return early.get(api)?.current() ?? null;
}

/** The early request for this API, once: later callers (a remount, a reconnection) ask again themselves. */
export function takeEarlyState(api: TrayplayApi): EarlyState | null {
  const found = early.get(api) ?? null;
  early.delete(api);
  return found;
}
