import type { AppError } from '../../shared/result';

export type TokenResult = { readonly ok: true; readonly token: string } | { readonly ok: false; readonly error: AppError };

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
