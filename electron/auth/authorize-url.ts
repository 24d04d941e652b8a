import { authorizeUrlOf, type Endpoints } from './endpoints';
import { challengeOf } from './pkce';
import { REQUESTED_SCOPES } from './scopes';

export interface AuthorizeRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly verifier: string;
}

/** The authorize URL for one attempt (Authorization Code with PKCE, S256). */
export function buildAuthorizeUrl(endpoints: Endpoints, request: AuthorizeRequest): string {
  const url = new URL(authorizeUrlOf(endpoints));
  url.search = new URLSearchParams({
    client_id: request.clientId,
    response_type: 'code',
    redirect_uri: request.redirectUri,
    state: request.state,
    scope: REQUESTED_SCOPES.join(' '),
    code_challenge_method: 'S256',
    code_challenge: challengeOf(request.verifier),
  }).toString();
  return url.toString();
}

/**
 * True when `url` may be opened in the system browser: only the accounts service's own origin, and only
 * https (or the loopback http simulator). Enforced here, not only in the adapter.
 */
export function isAllowedBrowserUrl(url: string, endpoints: Endpoints): boolean {
  let target: URL;
  let allowed: URL;
  try {
    target = new URL(url);
    allowed = new URL(endpoints.accountsBaseUrl);
  } catch {
    return false;
  }
  const loopbackHttp = allowed.protocol === 'http:' && (allowed.hostname === '127.0.0.1' || allowed.hostname === '[::1]');
  const secure = target.protocol === 'https:' || (loopbackHttp && target.protocol === 'http:');
  return secure && target.origin === allowed.origin && target.username === '' && target.password === '';
}
