import { err, type AppError } from '../../shared/result';
import type { TokenEndpointDeps, TokenEndpointError } from '../auth/token-endpoint';
import { refreshGrant } from '../auth/token-endpoint';
import type { Endpoints } from '../auth/endpoints';
import type { Logger } from '../logging/logger';
import type { AccessTokenSource, TokenResult } from '../ports/access-token';
import type { SecretRegistry } from '../ports/secret-registry';

import { backoffDelay } from './backoff';
import type { TokenSet } from './token-set';

/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** A token is handed out only while it has at least this long to live, so no request arrives expired. */
export const USABLE_SKEW_MS = 30_000;
/** Forced refreshes after a 401 for the same fresh token are not repeated within this window (no 401 storm). */
const FORCED_REFRESH_GAP_MS = 10_000;

/** Steps of a refresh, named so a test can "kill the process" between them and restart from disk. */
export type RefreshStep = 'before-request' | 'response-received' | 'persisted' | 'in-use';

export interface TokenKeeperDeps {
  readonly endpoint: TokenEndpointDeps;
  readonly endpoints: () => Endpoints;
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
  /**
   * Write-ahead: called with the new token set before it is used or kept in memory. Must not throw; a
   * failure leaves the session working in memory.
   */
  readonly persist: (tokens: TokenSet) => Promise<void>;
  /** Called when a refresh was persisted after the session was dropped (sign-out raced a refresh). */
  readonly unpersist: () => void;
  /** The tokens changed (new expiry, new scopes). */
  readonly onChange: () => void;
  /** Spotify ended the session (invalid_grant / invalid_client): wipe and say why. */
  readonly onEnded: (reason: string) => void;
  readonly random?: () => number;
  /** Test seam: a step boundary; resolves at once in the app. */
  readonly step?: (step: RefreshStep) => Promise<void>;
}

export const SESSION_ENDED_REASON = 'Spotify ended this sign-in — please sign in again';
export const CLIENT_REJECTED_REASON = 'Spotify no longer accepts this Client ID — check it in the Spotify dashboard and sign in again';

/**
 * Holds the session in memory and refreshes it: one refresh at a time (every caller awaits the same one),
 * write-ahead persistence, capped exponential backoff for transient failures, and the session ended only
 * when Spotify says the grant is dead.
 */
export class TokenKeeper implements AccessTokenSource {
  private tokens: TokenSet | null = null;
  /** Bumped whenever the session is replaced or dropped, so a refresh that outlived its session is discarded. */
  private generation = 0;
  private inflight: Promise<TokenResult> | null = null;
  private failures = 0;
  private retryAt = 0;
  private lastForcedAt = -Infinity;
  private readonly random: () => number;

  public constructor(
    private readonly deps: TokenKeeperDeps,
    private readonly now: () => number,
  ) {
    this.random = deps.random ?? Math.random;
  }

  public current(): TokenSet | null {
    return this.tokens;
  }

  /** Installs a session (after sign-in or load). Secrets are registered before anything else. */
  public set(tokens: TokenSet): void {
    this.deps.secrets.addSecret(tokens.accessToken);
    this.deps.secrets.addSecret(tokens.refreshToken);
    this.tokens = tokens;
    this.generation += 1;
    this.failures = 0;
    this.retryAt = 0;
    this.deps.onChange();
  }

  /** Replaces non-secret details (account name) without touching the refresh cycle. */
  public amend(patch: Pick<TokenSet, 'account'>): TokenSet | null {
    if (this.tokens) this.tokens = { ...this.tokens, ...patch };
    return this.tokens;
  }

  public clear(): void {
    this.tokens = null;
    this.generation += 1;
    this.failures = 0;
    this.retryAt = 0;
  }

  /** When the scheduler should look again: the refresh point, or the end of a backoff. Null when signed out. */
  public nextDueAt(): number | null {
    if (!this.tokens) return null;
    return Math.max(this.tokens.accessExpiresAt - REFRESH_MARGIN_MS, this.retryAt);
  }

  /** Resume, unlock or network back: the backoff no longer reflects the world, try at once if due. */
  public wake(): void {
    this.retryAt = 0;
  }

  /** The scheduler's entry point: refresh when within the margin and not backing off. */
  public async refreshIfDue(): Promise<void> {
    const due = this.nextDueAt();
    if (due !== null && this.now() >= due) await this.refresh();
  }

  public async getAccessToken(): Promise<TokenResult> {
    const tokens = this.tokens;
    if (!tokens) return notSignedIn();
    const now = this.now();
    if (now < tokens.accessExpiresAt - REFRESH_MARGIN_MS) return { ok: true, token: tokens.accessToken };
    if (now < this.retryAt) return this.usableOr(networkError(this.retryAt));
    const refreshed = await this.refresh();
    return refreshed.ok ? refreshed : this.usableOr(refreshed.error);
  }

  public async refreshAfterUnauthorized(staleToken: string): Promise<TokenResult> {
    if (this.inflight) await this.inflight;
    const tokens = this.tokens;
    if (!tokens) return notSignedIn();
    const now = this.now();
    // Someone already replaced the stale token: share their refresh.
    if (tokens.accessToken !== staleToken && now < tokens.accessExpiresAt - USABLE_SKEW_MS) return { ok: true, token: tokens.accessToken };
    if (now < this.retryAt) return { ok: false, error: networkError(this.retryAt) };
    if (now - this.lastForcedAt < FORCED_REFRESH_GAP_MS) {
      return { ok: false, error: err('unauthorized', 'Spotify did not accept the new sign-in token; retrying shortly').error };
    }
    this.lastForcedAt = now;
    return this.refresh();
  }

  /** Single flight: concurrent callers get the same promise and Spotify sees one request. */
  public refresh(): Promise<TokenResult> {
    this.inflight ??= this.refreshOnce().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async refreshOnce(): Promise<TokenResult> {
    const tokens = this.tokens;
    if (!tokens) return notSignedIn();
    const generation = this.generation;
    await this.step('before-request');
    const result = await refreshGrant(this.deps.endpoint, this.deps.endpoints(), {
      clientId: tokens.clientId,
      refreshToken: tokens.refreshToken,
    });
    if (generation !== this.generation) return notSignedIn();
    if (!result.ok) return this.failed(result.error);

    // Register first: from here on these strings may reach a log line through an error path.
    this.deps.secrets.addSecret(result.grant.accessToken);
    if (result.grant.refreshToken) this.deps.secrets.addSecret(result.grant.refreshToken);
    await this.step('response-received');
    const next: TokenSet = {
      ...tokens,
      accessToken: result.grant.accessToken,
      accessExpiresAt: this.now() + result.grant.expiresInSec * 1000,
      // Spotify stopped rotating in 2026: keep the stored token unless a new one came.
      refreshToken: result.grant.refreshToken ?? tokens.refreshToken,
      scopes: result.grant.scopes.length > 0 ? result.grant.scopes : tokens.scopes,
    };
    // Write-ahead: disk before memory and before any request uses the new token.
    await this.deps.persist(next);
    await this.step('persisted');
    if (generation !== this.generation) {
      this.deps.unpersist();
      return notSignedIn();
    }
    this.tokens = next;
    this.failures = 0;
    this.retryAt = 0;
    this.deps.logger.info('session refreshed', { rotated: result.grant.refreshToken !== null, expiresInSec: result.grant.expiresInSec });
    this.deps.onChange();
    await this.step('in-use');
    return { ok: true, token: next.accessToken };
  }

  private failed(error: TokenEndpointError): TokenResult {
    switch (error.kind) {
      case 'invalid_grant':
        this.deps.logger.warn('refresh token refused: session ended', { description: error.description });
        this.clear();
        this.deps.onEnded(SESSION_ENDED_REASON);
        return { ok: false, error: err('not_signed_in', SESSION_ENDED_REASON).error };
      case 'invalid_client':
        this.deps.logger.warn('client refused: session ended', { description: error.description });
        this.clear();
        this.deps.onEnded(CLIENT_REJECTED_REASON);
        return { ok: false, error: err('invalid_client_id', CLIENT_REJECTED_REASON).error };
      case 'rate_limited':
      case 'network':
      case 'server':
      case 'rejected':
      case 'bad_response': {
        this.failures += 1;
        const wait = Math.max(backoffDelay(this.failures, this.random), error.kind === 'rate_limited' ? error.retryAfterMs : 0);
        this.retryAt = this.now() + wait;
        this.deps.logger.warn('refresh failed; will retry', { reason: error.kind, failures: this.failures, retryInMs: wait });
        return { ok: false, error: networkError(this.retryAt, error.kind === 'server' || error.kind === 'rejected' ? 'server' : 'network') };
      }
    }
  }

  /** The old token while it is still safely valid, otherwise the error. */
  private usableOr(error: AppError): TokenResult {
    const tokens = this.tokens;
    if (tokens && this.now() < tokens.accessExpiresAt - USABLE_SKEW_MS) return { ok: true, token: tokens.accessToken };
    return { ok: false, error };
  }

  private async step(step: RefreshStep): Promise<void> {
    if (this.deps.step) await this.deps.step(step);
  }
}

const notSignedIn = (): TokenResult => ({ ok: false, error: err('not_signed_in', 'Not signed in to Spotify').error });

function networkError(retryAt: number, code: 'network' | 'server' = 'network'): AppError {
  return err(code, 'Spotify cannot be reached right now; retrying automatically', { retryAt }).error;
}
