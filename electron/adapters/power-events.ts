import { net, powerMonitor } from 'electron';

import type { PowerEvents } from '../ports/power-events';

/** How often the network state is polled: Electron's main process has no online event. */
const ONLINE_POLL_MS = 15_000;

/** powerMonitor's `resume` and `unlock-screen`, and `net.isOnline()` turning true. Create after `ready`. */
export function electronPowerEvents(): PowerEvents {
  return {
    onResume: (callback) => {
      powerMonitor.on('resume', callback);
      return () => void powerMonitor.off('resume', callback);
    },
    onUnlock: (callback) => {
      powerMonitor.on('unlock-screen', callback);
      return () => void powerMonitor.off('unlock-screen', callback);
    },
    onOnline: (callback) => {
      let online = net.isOnline();
      const timer = setInterval(() => {
        const now = net.isOnline();
        if (now && !online) callback();
        online = now;
      }, ONLINE_POLL_MS);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
