import { useCallback } from 'react';

import { useApi } from '../../hooks/api-context';
import { useShell } from '../../hooks/window-context';

/**
 * Window actions that work in both shells: Electron moves its windows; the web preview (no windows of its
 * own) opens the page in a new tab, keeping the fragment that carries the host's per-launch key.
 */
export function useOpenMain(): () => void {
  const api = useApi();
  const shell = useShell();
  return useCallback(() => {
    if (shell === 'web') window.open(`./${window.location.hash}`, 'trayplay-main');
    else api.window.showMain();
  }, [api, shell]);
}

export function useToggleMini(): () => void {
  const api = useApi();
  const shell = useShell();
  return useCallback(() => {
    if (shell === 'web') window.open(`./mini.html${window.location.hash}`, 'trayplay-mini', 'popup,width=340,height=120');
    else api.window.toggleMini();
  }, [api, shell]);
}
