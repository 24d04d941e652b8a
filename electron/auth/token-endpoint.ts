import { z } from 'zod';

import { parseUnknown } from '../../shared/parse';
import { fail, ok, type Result } from '../../shared/result';
import type { Clock } from '../ports/clock';
import type { HttpFetch } from '../ports/http';

import { tokenUrlOf, type Endpoints } from './endpoints';
import { parseScopes } from './scopes';

/** What the token endpoint granted. `refreshToken` is null when Spotify kept the old one (no rotation). */
export interface TokenGrant {
  readonly accessToken: string;
  readonly expiresInSec: number;
  readonly refreshToken: string | null;
  readonly scopes: string[];
}

/** Every way a token request can fail, by what the caller should do about it. */
export type TokenEndpointError =
  /** The code or refresh token is dead: sign in again, never retry. */
  | { readonly kind: 'invalid_grant'; readonly description: string }
  /** The Client ID is unknown to Spotify: the user must fix it. */
  | { readonly kind: 'invalid_client'; readonly description: string }
  /** Anything else Spotify refused (4xx): a bug on our side, retried slowly. */
  | { readonly kind: 'rejected'; readonly status: number; readonly error: string }
  /** Transient: retry with backoff. */
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'server'; readonly status: number }
  | { readonly kind: 'rate_limited'; readonly retryAfterMs: number }
  /** A 200 we could not read. Treated as transient. */
  | { readonly kind: 'bad_response'; readonly message: string };

export type TokenEndpointResult = Result<TokenGrant, TokenEndpointError>;

const GrantSchema = z.object({
  access_token: z.string().min(1).max(4096),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'token_type must be Bearer'),
  expires_in: z.number().int().positive().max(7 * 24 * 3600),
  refresh_token: z.string().min(1).max(4096).optional(),
  scope: z.string().max(4096).optional(),
});

const ErrorBodySchema = z.object({ error: z.string().max(200), error_description: z.string().max(500).optional() });

/** How long one token request may take before it counts as a network failure. */
export const TOKEN_REQUEST_TIMEOUT_MS = 20_000;

export interface TokenEndpointDeps {
  readonly http: HttpFetch;
  readonly clock: Clock;
}

/** Exchanges an authorization code (PKCE: no secret, the verifier instead). */
export function exchangeCode(
  deps: TokenEndpointDeps,
  endpoints: Endpoints,
  request: { clientId: string; code: string; redirectUri: string; verifier: string },
): Promise<TokenEndpointResult> {
  return post(deps, endpoints, {
    grant_type: 'authorization_code',
    code: request.code,
    redirect_uri: request.redirectUri,
    client_id: request.clientId,
    code_verifier: request.verifier,
  });
}

/** Trades the refresh token for a new access token (and maybe a new refresh token). */
export function refreshGrant(
  deps: TokenEndpointDeps,
  endpoints: Endpoints,
  request: { clientId: string; refreshToken: string },
): Promise<TokenEndpointResult> {
  return post(deps, endpoints, { grant_type: 'refresh_token', refresh_token: request.refreshToken, client_id: request.clientId });
}

async function post(deps: TokenEndpointDeps, endpoints: Endpoints, form: Record<string, string>): Promise<TokenEndpointResult> {
  const abort = new AbortController();
  const timer = deps.clock.setTimeout(() => abort.abort(), TOKEN_REQUEST_TIMEOUT_MS);
  try {
    const response = await deps.http(tokenUrlOf(endpoints), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: abort.signal,
    });
    return await interpret(response, deps.clock.now());
  } catch (cause) {
    // fetch rejects only for transport failures (DNS, reset, abort): never a reason to sign out.
    return fail({ kind: 'network', message: cause instanceof Error ? cause.name : 'fetch failed' });
  } finally {
    deps.clock.clearTimeout(timer);
  }
}

/** Maps a token endpoint response to a grant or a typed error. Exported for tests. */
export async function interpret(response: Response, now: number): Promise<TokenEndpointResult> {
  const body = await readJson(response);
  if (response.ok) {
    const parsed = parseUnknown(GrantSchema, body);
    if (!parsed.ok) return fail({ kind: 'bad_response', message: parsed.error });
    const g = parsed.value;
    return ok({ accessToken: g.access_token, expiresInSec: g.expires_in, refreshToken: g.refresh_token ?? null, scopes: parseScopes(g.scope) });
  }
  if (response.status === 429) return fail({ kind: 'rate_limited', retryAfterMs: retryAfterMs(response, now) });
  if (response.status >= 500) return fail({ kind: 'server', status: response.status });
  const parsed = parseUnknown(ErrorBodySchema, body);
  const error = parsed.ok ? parsed.value.error : 'unknown';
  const description = parsed.ok ? (parsed.value.error_description ?? '') : '';
  if (error === 'invalid_grant') return fail({ kind: 'invalid_grant', description });
  if (error === 'invalid_client' || response.status === 401) return fail({ kind: 'invalid_client', description });
  return fail({ kind: 'rejected', status: response.status, error });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text()) as unknown;
  } catch {
    return null;
  }
}

function retryAfterMs(response: Response, now: number): number {
  const header = response.headers.get('retry-after');
  if (header === null) return 30_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 1), 3600) * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.min(Math.max(date - now, 1000), 3_600_000) : 30_000;
}

/** Whether a failure is worth retrying later (everything except a dead grant or client). */
export function isTransient(error: TokenEndpointError): boolean {
  switch (error.kind) {
    case 'invalid_grant':
    case 'invalid_client':
      return false;
    case 'rejected':
    case 'network':
    case 'server':
    case 'rate_limited':
    case 'bad_response':
      return true;
  }
}
