import type { AccessToken } from '../accounts/grants';
import type { SimContext } from '../context';
import { HttpFailure, apiError } from '../http/errors';
import { checkAppAccess } from './app-access';

// Bearer authentication for /v1. Since July 2026 expired, invalid and missing tokens share one message.

const INVALID = 'Missing/invalid/expired access token';

export function authenticate(ctx: SimContext, request: Request, scopes: readonly string[]): AccessToken {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(header);
  const token = match?.[1] === undefined ? undefined : ctx.grants.accessToken(match[1]);
  if (!token || token.grant.revoked || ctx.now() >= token.expiresAt) {
    throw new HttpFailure(apiError(401, INVALID, undefined, { 'www-authenticate': 'Bearer realm="spotify"' }));
  }
  if (token.fromRefresh && ctx.faults.unauthorizedAfterRefresh > 0) {
    // The July 2026 glitch: a freshly refreshed, valid token is briefly refused.
    ctx.faults.unauthorizedAfterRefresh -= 1;
    throw new HttpFailure(apiError(401, 'Access token missing'));
  }
  // The token is good (the user did sign in); the app or the user is what is refused, before any scope check.
  checkAppAccess(ctx);
  if (!scopes.every((scope) => token.grant.scopes.includes(scope))) {
    throw new HttpFailure(apiError(403, 'Insufficient client scope'));
  }
  return token;
}
