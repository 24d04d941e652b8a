import type { TrayplayApi } from '../../shared/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the page is served by the headless host. */
    readonly trayplay?: TrayplayApi;
  }
}
