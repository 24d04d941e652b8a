import { useEffect, useState } from 'react';

import type { TrayplayApi } from '../../shared/contract';
import type { AppInfo } from '../../shared/state/app-state';

/** Name, version and shell, loaded once. */
export function useAppInfo(api: TrayplayApi): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let active = true;
    api.app
      .getInfo()
      .then((reply) => {
        if (active && reply.ok) setInfo(reply.value);
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [api]);
  return info;
}
