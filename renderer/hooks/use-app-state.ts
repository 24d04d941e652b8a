import { useEffect, useLayoutEffect, useState } from 'react';

import type { TrayplayApi } from '../../shared/contract';
import { EARLY_PAINT_SKELETON_ID } from '../../shared/early-paint';
import type { Result } from '../../shared/result';
import type { AppState } from '../../shared/state/app-state';
import type { Connection } from '../bridge/connection';
import { markBoot } from '../bridge/boot-marks';
import { peekEarlyState, takeEarlyState } from '../bridge/early-state';
import { logToMain } from '../bridge/log';

/** Keeps the state with the higher `rev`, so a late snapshot never overwrites a newer push. */
export function pickNewer(current: AppState | null, next: AppState): AppState {
  return current !== null && current.rev >= next.rev ? current : next;
}

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 10_000;

/**
 * Main's state in this window: subscribe to `app.onState` first, then take the snapshot, keeping
 * whichever is newer. A failed snapshot is retried (with backoff) until some state arrived. After the
 * link to main was lost and came back, the snapshot is taken again (the host may have restarted, so
 * its `rev` may start over).
 */
export function useAppState(api: TrayplayApi, connection?: Connection): AppState | null {
  // The first frame already shows the state when the early request has been answered (renderer/bridge/boot.ts).
  const [state, setState] = useState<AppState | null>(() => peekEarlyState(api));

  useEffect(() => {
    let latest: AppState | null = null;
    let active = true;
    let retryDelay = RETRY_FIRST_MS;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    const accept = (next: AppState): void => {
      if (!active) return;
      const picked = pickNewer(latest, next);
      if (picked === latest) return;
      latest = picked;
      setState(picked);
    };
    const early = takeEarlyState(api);
    const takeSnapshot = (request?: Promise<Result<AppState>>): void => {
      retryTimer = null;
      (request ?? api.app.getState())
        .then((reply) => {
          if (reply.ok) {
            retryDelay = RETRY_FIRST_MS;
            accept(reply.value);
            return;
          }
          if (!active) return;
          logToMain(api, 'warn', `getState failed: ${reply.error.code} ${reply.error.message}`);
          if (latest === null && retryTimer === null) {
            retryTimer = setTimeout(() => takeSnapshot(), retryDelay);
            retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
          }
        })
        .catch(() => undefined);
    };

    const unsubscribe = api.app.onState(accept);
    if (early !== null) {
      // Asked for before React mounted (main.tsx): use that answer, and any push that came meanwhile.
      early.release();
      const pushed = early.latestPush();
      if (pushed !== null) accept(pushed);
    }
    takeSnapshot(early?.snapshot);
    const unwatch = connection?.onStatus((_status, reconnected) => {
      if (!reconnected) return;
      latest = null;
      takeSnapshot();
    });
    return () => {
      active = false;
      if (retryTimer !== null) clearTimeout(retryTimer);
      unsubscribe();
      unwatch?.();
    };
  }, [api, connection]);

  useLayoutEffect(() => {
    if (state === null) return;
    markBoot('trayplay:state-rendered');
    // The early paint's skeleton goes in the same frame as the app's first state (no frame without a title).
    document.getElementById(EARLY_PAINT_SKELETON_ID)?.remove();
  }, [state]);

  return state;
}
