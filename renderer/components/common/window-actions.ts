import { useCallback } from 'react';

import { launchFragment } from '../../bridge/api';
import { useApi } from '../../hooks/api-context';
import { useShell } from '../../hooks/window-context';

/**
 * Window actions that work in both shells: Electron moves its windows; the web preview (no windows of its
 * own) opens the page in a new tab with the host's per-launch key (kept in memory by the bridge, not the URL).
 */
export function useOpenMain(): () => void {
  const api = useApi();
  const shell = useShell();
  return useCallback(() => {
    if (shell === 'web') window.open(`./${launchFragment()}`, 'trayplay-main');
    else api.window.showMain();
  }, [api, shell]);
}

export function useToggleMini(): () => void {
  const api = useApi();
  const shell = useShell();
  return useCallback(() => {
    if (shell === 'web') window.open(`./mini.html${launchFragment()}`, 'trayplay-mini', 'popup,width=340,height=120');
    else api.window.toggleMini();
  }, [api, shell]);
}
