import type { Result } from '../../shared/result';

/** A usable access token as `value`, or why none can be had. */
export type TokenResult = Result<string>;

/**
 * What the Web API client needs from the token lifecycle. Implemented by the auth service; the playback
 * engine and its tests depend only on this.
 */
export interface AccessTokenSource {
  /** A valid access token, refreshed first when it is about to expire. Concurrent callers share one refresh. */
  getAccessToken(): Promise<TokenResult>;
  /**
   * Called after the Web API answered 401 to `staleToken`: forces one refresh (shared by every caller that
   * saw the same stale token) and returns the new token.
   */
  refreshAfterUnauthorized(staleToken: string): Promise<TokenResult>;
}
