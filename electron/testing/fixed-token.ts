import { ok } from '../../shared/result';
import type { AccessTokenSource } from '../ports/access-token';
import type { HttpFetch } from '../ports/http';
import { createAuthorizedFetch, type AuthorizedFetch } from '../tokens/authorized-fetch';

/** A token source that always hands out the same token (client tests that are not about the token lifecycle). */
export function fixedToken(token: string): AccessTokenSource {
  return {
    getAccessToken: () => Promise.resolve(ok(token)),
    refreshAfterUnauthorized: () => Promise.resolve(ok(token)),
  };
}

/** The app's authorized fetch over `http`, with one fixed token. */
export function withFixedToken(http: HttpFetch, token = 'test-token'): AuthorizedFetch {
  return createAuthorizedFetch(fixedToken(token), () => http);
}
