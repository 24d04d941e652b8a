import type { HttpFetch } from '../ports/http';

import type { ManualClock } from './manual-clock';

/** One request as it left for Spotify. */
export interface WireRequest {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  /** The Bearer token it carried ('' for none). */
  readonly token: string;
  /** The token was unknown or past its expiry when the request left. */
  readonly expired: boolean;
  /** For a refresh: the refresh token it sent. */
  readonly refreshToken: string | null;
}

/** Watches the wire: which token each request carries, and when each token expires (from the token answers). */
export interface WireProbe {
  /** true: every request fails at the connection, as with the network down. */
  offline: boolean;
  readonly requests: WireRequest[];
  /** Web API answers that were 401. */
  readonly api401: WireRequest[];
  /** Waits before a request reaches Spotify (after it is recorded); resolves at once unless a test holds it. */
  hold: (request: WireRequest) => Promise<void>;
  readonly wrap: (inner: HttpFetch) => HttpFetch;
  readonly refreshes: () => WireRequest[];
  readonly api: () => WireRequest[];
}

export function wireProbe(clock: ManualClock): WireProbe {
  const expiry = new Map<string, number>();
  const probe: WireProbe = {
    offline: false,
    requests: [],
    api401: [],
    hold: () => Promise.resolve(),
    refreshes: () => probe.requests.filter((r) => r.refreshToken !== null),
    api: () => probe.requests.filter((r) => r.path.startsWith('/v1/')),
    wrap: (inner) => async (url, init) => {
      const body = typeof init?.body === 'string' ? new URLSearchParams(init.body) : null;
      const isToken = url.includes('/api/token');
      const token = (new Headers(init?.headers).get('authorization') ?? '').replace(/^Bearer /i, '');
      const expiresAt = expiry.get(token);
      const request: WireRequest = {
        at: clock.now(),
        method: init?.method ?? 'GET',
        path: new URL(url).pathname,
        token,
        expired: !isToken && (expiresAt === undefined || clock.now() >= expiresAt),
        refreshToken: isToken && body?.get('grant_type') === 'refresh_token' ? (body.get('refresh_token') ?? '') : null,
      };
      probe.requests.push(request);
      await probe.hold(request);
      if (probe.offline) throw new TypeError('fetch failed');
      const response = await inner(url, init);
      if (request.path.startsWith('/v1/') && response.status === 401) probe.api401.push(request);
      if (isToken && response.ok) {
        const json = (await response.clone().json()) as { access_token?: string; expires_in?: number };
        if (json.access_token && json.expires_in) expiry.set(json.access_token, clock.now() + json.expires_in * 1000);
      }
      return response;
    },
  };
  return probe;
}
