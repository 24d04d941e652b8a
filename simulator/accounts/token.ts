import { pkceChallenge } from '../pkce';
import type { SimContext } from '../context';
import { authError, json } from '../http/errors';
import { Params, decodeUtf8, readBody } from '../http/params';

// POST /api/token: authorization_code (PKCE) and refresh_token grants, with the error bodies Spotify
// is observed to send (facts §1.9).

class TokenFailure extends Error {
  constructor(readonly response: Response) {
    super('token failure');
  }
}

function field(params: Params, key: string): string | undefined {
  return params.one(key, () => authError(400, 'invalid_request', `Duplicate parameter: ${key}`));
}

export async function handleToken(ctx: SimContext, request: Request): Promise<Response> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const bytes = await readBody(request);
  if (bytes === 'too-large') return authError(413, 'invalid_request', 'Request body too large');
  if (type !== 'application/x-www-form-urlencoded') {
    return authError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const text = decodeUtf8(bytes);
  if (text === null) return authError(400, 'invalid_request', 'Malformed request body');
  const params = Params.from(new URLSearchParams(text));
  try {
    const grantType = field(params, 'grant_type');
    if (grantType === undefined) return authError(400, 'unsupported_grant_type', 'grant_type parameter is missing');
    const clientId = field(params, 'client_id');
    if (grantType === 'authorization_code') return exchangeCode(ctx, params, clientId);
    if (grantType === 'refresh_token') return refresh(ctx, params, clientId);
    return authError(400, 'unsupported_grant_type', `grant_type must be authorization_code or refresh_token`);
  } catch (error) {
    if (error instanceof TokenFailure) return error.response;
    throw error;
  }
}

function requireClient(ctx: SimContext, clientId: string | undefined): string {
  if (clientId === undefined || !ctx.clients.get(clientId)) throw new TokenFailure(authError(400, 'invalid_client', 'Invalid client'));
  return clientId;
}

function exchangeCode(ctx: SimContext, params: Params, rawClientId: string | undefined): Response {
  const code = field(params, 'code');
  const redirectUri = field(params, 'redirect_uri');
  const verifier = field(params, 'code_verifier');
  const clientId = requireClient(ctx, rawClientId);
  if (code === undefined) return authError(400, 'invalid_request', 'code must be supplied');
  if (verifier === undefined) return authError(400, 'invalid_request', 'code_verifier required');
  const entry = ctx.grants.code(code);
  const now = ctx.now();
  if (!entry || entry.used || entry.clientId !== clientId) return authError(400, 'invalid_grant', 'Invalid authorization code');
  if (now > entry.expiresAt) return authError(400, 'invalid_grant', 'Authorization code expired');
  if (redirectUri !== entry.redirectUri) return authError(400, 'invalid_grant', 'Invalid redirect URI');
  if (pkceChallenge(verifier) !== entry.challenge) return authError(400, 'invalid_grant', 'code_verifier was incorrect');
  entry.used = true;
  const grant = ctx.grants.createGrant(clientId, entry.scopes, now, ctx.scenario.refreshTokenLifetimeMs);
  return json(
    {
      access_token: ctx.grants.issueAccess(grant, now, ctx.scenario.accessTokenLifetimeSec, false),
      token_type: 'Bearer',
      scope: grant.scopes.join(' '),
      expires_in: ctx.scenario.accessTokenLifetimeSec,
      refresh_token: ctx.grants.issueRefresh(grant),
    },
    200,
    { 'cache-control': 'no-store' },
  );
}

function refresh(ctx: SimContext, params: Params, rawClientId: string | undefined): Response {
  const value = field(params, 'refresh_token');
  const clientId = requireClient(ctx, rawClientId);
  if (value === undefined) return authError(400, 'invalid_request', 'refresh_token must be supplied');
  const token = ctx.grants.refreshToken(value);
  const now = ctx.now();
  if (!token || token.grant.clientId !== clientId) return authError(400, 'invalid_grant', 'Invalid refresh token');
  // Revoked, rotated away or past the 6-month end: the one description clients have seen for all three.
  if (token.revoked || token.grant.revoked || now >= token.grant.refreshExpiresAt) {
    return authError(400, 'invalid_grant', 'Refresh token revoked');
  }
  const body: Record<string, unknown> = {
    access_token: ctx.grants.issueAccess(token.grant, now, ctx.scenario.accessTokenLifetimeSec, true),
    token_type: 'Bearer',
    scope: token.grant.scopes.join(' '),
    expires_in: ctx.scenario.accessTokenLifetimeSec,
  };
  if (ctx.scenario.rotateRefreshTokens) {
    ctx.grants.revokeRefresh(value);
    body.refresh_token = ctx.grants.issueRefresh(token.grant);
  }
  return json(body, 200, { 'cache-control': 'no-store' });
}
