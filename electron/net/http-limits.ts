import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * What one loopback HTTP listener accepts before anyone has authenticated: a cap on open sockets (HTTP and
 * upgraded WebSockets alike) and deadlines for a request's headers and for the whole request, so a local
 * peer cannot hold the server with idle or trickling connections.
 */
export interface HttpLimits {
  /** Open sockets at once; more are closed as they arrive (no answer). */
  readonly maxConnections: number;
  /** Time from connect (or the previous response) to the end of the headers. */
  readonly headersTimeoutMs: number;
  /** Time for a whole request, body included. Not less than `headersTimeoutMs`. */
  readonly requestTimeoutMs: number;
  /** An idle kept-alive socket is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** How often Node checks the two deadlines above (its default, 30 s, would make them much later). */
  readonly checkIntervalMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  // A browser opens about six sockets per origin, plus the WebSocket(s): far below this.
  maxConnections: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

/** A Node HTTP server with these limits (the defaults, overridden per field). */
export function createLimitedServer(listener: RequestListener, overrides: Partial<HttpLimits> = {}): Server {
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...overrides };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    listener,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}
