/** The privileged scheme the app's pages load from (electron/adapters/app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'trayplay';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The only documents that are the app's own pages (trusted IPC senders, allowed navigation targets). */
export const APP_PAGES = ['/index.html', '/mini.html'] as const;
