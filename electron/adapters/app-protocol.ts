import { protocol } from 'electron';

import { APP_ORIGIN, APP_SCHEME } from '../windows/app-origin';
import type { StaticHandler } from '../net/static-handler';

/**
 * The app's pages come from `app://trayplay/…`, not `file://` (the grantFileProtocolExtraPrivileges fuse is
 * off, so file:// pages would follow browser rules and block the built module scripts). Must run before
 * `ready`: privileges cannot be granted afterwards.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After `ready`: every `app://` request goes through the shared, path-safe static handler. */
export function serveAppScheme(handler: StaticHandler): () => void {
  protocol.handle(APP_SCHEME, (request) => handler(request));
  return () => protocol.unhandle(APP_SCHEME);
}

export { APP_ORIGIN };
