import { err, type AppError } from '../../shared/result';
import type { AccessTokenSource } from '../ports/access-token';
import type { HttpFetch } from '../ports/http';

export type AuthorizedResponse = { readonly ok: true; readonly response: Response } | { readonly ok: false; readonly error: AppError };
export type AuthorizedFetch = (url: string, init?: RequestInit) => Promise<AuthorizedResponse>;

/**
 * Web API requests with the session's bearer token. A 401 forces one refresh and one retry of the same
 * request; a token that is known to be expired is never sent (the token source refuses to hand it out).
 */
export function createAuthorizedFetch(tokens: AccessTokenSource, http: () => HttpFetch): AuthorizedFetch {
  const send = async (url: string, init: RequestInit | undefined, token: string): Promise<AuthorizedResponse> => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    try {
      return { ok: true, response: await http()(url, { ...init, headers }) };
    } catch (cause) {
      return err('network', `Spotify cannot be reached (${cause instanceof Error ? cause.name : 'fetch failed'})`);
    }
  };
  return async (url, init) => {
    const first = await tokens.getAccessToken();
    if (!first.ok) return first;
    const answer = await send(url, init, first.token);
    if (!answer.ok || answer.response.status !== 401) return answer;
    await answer.response.body?.cancel();
    const second = await tokens.refreshAfterUnauthorized(first.token);
    if (!second.ok) return second;
    return send(url, init, second.token);
  };
}

/**
 * The same, shaped as a plain `HttpFetch` for the Web API client: without a session it answers 401 as
 * Spotify would (nothing is sent); when no valid token can be had (network down) it fails like fetch does.
 */
export function asHttpFetch(authorized: AuthorizedFetch): HttpFetch {
  return async (url, init) => {
    const answer = await authorized(url, init);
    if (answer.ok) return answer.response;
    if (answer.error.code === 'not_signed_in' || answer.error.code === 'invalid_client_id') {
      return new Response(JSON.stringify({ error: { status: 401, message: answer.error.message } }), {
        status: 401,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    throw new TypeError('fetch failed', { cause: answer.error });
  };
}
