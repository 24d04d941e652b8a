import { fail, ok, type Result } from '../../shared/result';
import type { TokenSet } from '../tokens/token-set';

import { exchangeNotice } from './notices';
import type { Attempt } from './sign-in-flow';
import { exchangeCode, type TokenEndpointDeps } from './token-endpoint';

/** Why an exchange gave no session: a short reason for the log, and what the account page says. */
export interface ExchangeFailure {
  readonly reason: string;
  readonly notice: string;
}

/** Trades the attempt's authorization code for a new session's token set. */
export async function exchangeForSession(endpoint: TokenEndpointDeps, attempt: Attempt, code: string): Promise<Result<TokenSet, ExchangeFailure>> {
  const result = await exchangeCode(endpoint, attempt.endpoints, {
    clientId: attempt.clientId,
    code,
    redirectUri: attempt.redirectUri,
    verifier: attempt.verifier,
  });
  if (!result.ok) return fail({ reason: result.error.kind, notice: exchangeNotice(result.error) });
  const grant = result.value;
  // A session without a refresh token would end within the hour: treat it as a bad answer.
  if (grant.refreshToken === null) return fail({ reason: 'no refresh token', notice: exchangeNotice({ kind: 'bad_response', message: '' }) });
  return ok({
    clientId: attempt.clientId,
    accessToken: grant.accessToken,
    accessExpiresAt: endpoint.clock.now() + grant.expiresInSec * 1000,
    refreshToken: grant.refreshToken,
    scopes: grant.scopes,
    // The approval happened during the attempt; its start is the conservative end of the 6 months.
    authorizedAt: attempt.startedAt,
    account: null,
  });
}
