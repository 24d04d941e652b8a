import { err, ok, type Result } from '../../shared/result';
import type { AccessTokenSource } from '../ports/access-token';
import type { HttpFetch } from '../ports/http';

/**
 * Spotify's answer, or why there is none: no usable token (the token lifecycle's own error, as it is) or the
 * request could not leave (`network`). The Web API client takes this directly.
 */
export type AuthorizedFetch = (url: string, init?: RequestInit) => Promise<Result<Response>>;

/**
 * Web API requests with the session's bearer token. A 401 forces one refresh and one retry of the same
 * request; a token that is known to be expired is never sent (the token source refuses to hand it out).
 */
export function createAuthorizedFetch(tokens: AccessTokenSource, http: () => HttpFetch): AuthorizedFetch {
  const send = async (url: string, init: RequestInit | undefined, token: string): Promise<Result<Response>> => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    try {
      return ok(await http()(url, { ...init, headers }));
    } catch (cause) {
      return err('network', `Spotify cannot be reached (${cause instanceof Error ? cause.name : 'fetch failed'})`);
    }
  };
  return async (url, init) => {
    const first = await tokens.getAccessToken();
    if (!first.ok) return first;
    const answer = await send(url, init, first.value);
    if (!answer.ok || answer.value.status !== 401) return answer;
    await answer.value.body?.cancel();
    const second = await tokens.refreshAfterUnauthorized(first.value);
    if (!second.ok) return second;
    return send(url, init, second.value);
  };
}
