import type { Logger } from '../logging/logger';
import type { AccessTokenSource } from '../ports/access-token';
import type { Clock } from '../ports/clock';
import type { HttpFetch } from '../ports/http';
import { WebApiClient } from '../spotify/web-api-client';

import { PlaybackService } from './playback-service';
import type { Visibility } from './refresh-policy';

export const SPOTIFY_API_BASE_URL = 'https://api.spotify.com/v1';
/** Spotify normally answers in well under a second; past this the poll or command is reported as a timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface PlaybackEngineDeps {
  /** The auth engineer's authorized fetch (Bearer header; 401 → one forced refresh → one retry). */
  readonly fetch: HttpFetch;
  /** The token lifecycle; asked only whether anyone is signed in. */
  readonly tokens: AccessTokenSource;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Default: Spotify. Demo mode: `${simulator.baseUrl}/v1`. */
  readonly apiBaseUrl?: string;
  readonly timeoutMs?: number;
  readonly visibility?: Visibility;
}

/** The composition of the playback engine: the Web API client and the service over it (not started). */
export function createPlaybackEngine(deps: PlaybackEngineDeps): { readonly client: WebApiClient; readonly service: PlaybackService } {
  const client = new WebApiClient({
    apiBaseUrl: deps.apiBaseUrl ?? SPOTIFY_API_BASE_URL,
    fetch: deps.fetch,
    clock: deps.clock,
    timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const service = new PlaybackService({
    api: client,
    tokens: deps.tokens,
    clock: deps.clock,
    ...(deps.logger ? { logger: deps.logger.child('player') } : {}),
    ...(deps.visibility ? { visibility: deps.visibility } : {}),
  });
  return { client, service };
}
