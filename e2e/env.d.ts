import type { TrayplayApi } from '../shared/contract';

declare global {
  interface Window {
    /** The preload's API (Electron) or the bridge's (headless host). */
    readonly trayplay: TrayplayApi;
  }
}
