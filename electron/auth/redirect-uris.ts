import type { RedirectMode } from '../../shared/state/auth-state';

export const PROTOCOL_SCHEME = 'trayplay';
/** Registered in Spotify's dashboard exactly like this. */
export const PROTOCOL_REDIRECT_URI = `${PROTOCOL_SCHEME}://callback`;
/** Registered without a port; the authorize request adds the listener's ephemeral port (RFC 8252). */
export const LOOPBACK_REDIRECT_URI = 'http://127.0.0.1/callback';

/** The URIs the user registers in the dashboard, shown on the account page. */
export const REDIRECT_URIS_TO_REGISTER = { protocol: PROTOCOL_REDIRECT_URI, loopback: LOOPBACK_REDIRECT_URI } as const;

/** The loopback redirect URI for a listener on `port`. */
export const loopbackRedirectUri = (port: number): string => `http://127.0.0.1:${port}/callback`;

/** The redirect mode actually used: the custom scheme only where the OS took it. */
export function effectiveRedirectMode(chosen: RedirectMode, protocolAvailable: boolean): RedirectMode {
  return chosen === 'protocol' && !protocolAvailable ? 'loopback' : chosen;
}
