/**
 * DNS rebinding defence for every loopback listener (the headless host's pages and WebSocket, the sign-in
 * receiver): a page on `evil.example` that re-resolves to 127.0.0.1 still sends `Host: evil.example:<port>`.
 * Only the exact `127.0.0.1:<port>` we listen on is answered.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return Number.isInteger(port) && port > 0 && hostHeader === `127.0.0.1:${port}`;
}

/**
 * Whether a raw request target is in origin-form (`/path?query`). Absolute-form (`http://other/…`),
 * authority-form and `//host/…` are refused before anything parses them against another origin.
 */
export function isOriginFormTarget(target: string | undefined): target is string {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') && target.length <= 4096;
}
