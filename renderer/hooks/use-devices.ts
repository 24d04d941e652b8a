import { useCallback, useEffect, useRef, useState } from 'react';

import type { TrayplayApi } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import type { Device } from '../../shared/state/now-playing';

export interface DevicesState {
  readonly devices: readonly Device[] | null;
  readonly loading: boolean;
  readonly error: AppError | null;
  readonly refresh: () => void;
}

/** The devices Spotify knows, loaded on mount and whenever `refreshKey` changes or on demand. */
export function useDevices(api: TrayplayApi, refreshKey: string): DevicesState {
  const [devices, setDevices] = useState<readonly Device[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const request = useRef(0);
  const mounted = useRef(true);

  const refresh = useCallback(() => {
    const id = ++request.current;
    setLoading(true);
    api.player
      .listDevices()
      .then((reply) => {
        if (!mounted.current || id !== request.current) return;
        if (reply.ok) {
          setDevices(reply.value);
          setError(null);
        } else {
          // A stale list (another account, or signed out) would mislead: show the reason instead.
          setDevices(null);
          setError(reply.error);
        }
      })
      .catch(() => undefined)
      .finally(() => {
        if (mounted.current && id === request.current) setLoading(false);
      });
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    refresh();
  }, [refresh, refreshKey]);

  return { devices, loading, error, refresh };
}
