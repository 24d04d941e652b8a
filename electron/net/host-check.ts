/**
 * DNS rebinding defence for every loopback listener (the headless host's pages and WebSocket, the sign-in
 * receiver): a page on `evil.example` that re-resolves to 127.0.0.1 still sends `Host: evil.example:<port>`.
 * Only the exact `127.0.0.1:<port>` we listen on is answered, and on port 80 also bare `127.0.0.1`: every
 * listener is plain http, and browsers omit http's default port from Host (and from Origin). No other
 * spelling (trailing dot, leading zeros, userinfo, case, `[::1]`) is a form a browser sends for our URL.
 * `localhost` is refused on purpose: we only ever print, bind and redirect to 127.0.0.1, so a page opened as
 * `localhost` is not one we handed out; and `localhost` can resolve to ::1 (where nothing listens) or, on a
 * misconfigured resolver, elsewhere, which is what the allow-list is there to rule out.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return false;
  return hostHeader === `127.0.0.1:${port}` || (port === HTTP_DEFAULT_PORT && hostHeader === '127.0.0.1');
}

const HTTP_DEFAULT_PORT = 80;

/** The origin a browser gives a page served from 127.0.0.1:<port> (no `:80`), for Origin checks and the CSP. */
export function loopbackHttpOrigin(port: number): string {
  return port === HTTP_DEFAULT_PORT ? 'http://127.0.0.1' : `http://127.0.0.1:${port}`;
}

/**
 * Whether a raw request target is in origin-form (`/path?query`). Absolute-form (`http://other/…`),
 * authority-form and `//host/…` are refused before anything parses them against another origin.
 */
export function isOriginFormTarget(target: string | undefined): target is string {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') && target.length <= 4096;
}
