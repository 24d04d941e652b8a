import { err, fail, ok, type AppError } from '../../shared/result';
import type { TokenEndpointDeps, TokenEndpointError } from '../auth/token-endpoint';
import { refreshGrant } from '../auth/token-endpoint';
import type { Endpoints } from '../auth/endpoints';
import type { Logger } from '../logging/logger';
import type { AccessTokenSource, TokenResult } from '../ports/access-token';
import type { SecretRegistry } from '../ports/secret-registry';

import { backoffDelay } from './backoff';
import { SessionLifecycle } from './session-lifecycle';
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
   * The durable write (write-ahead: a new token set is used only after it). Must not throw; a failure leaves
   * the session working in memory. Called one at a time, through the session's queue.
   */
  readonly persist: (tokens: TokenSet) => Promise<void>;
  /** Removes the session from disk; queued behind any write under way, so a sign-out always wins. */
  readonly erase: () => void;
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
  /** Memory, disk and the epoch: a refresh that outlived its session is discarded. */
  private readonly session: SessionLifecycle;
  private inflight: Promise<TokenResult> | null = null;
  private failures = 0;
  private retryAt = 0;
  /** What the last failed refresh met, so the answers during its backoff say the same. */
  private lastFailure: 'network' | 'server' = 'network';
  private lastForcedAt = -Infinity;
  private readonly random: () => number;

  public constructor(
    private readonly deps: TokenKeeperDeps,
    private readonly now: () => number,
  ) {
    this.random = deps.random ?? Math.random;
    this.session = new SessionLifecycle({ write: deps.persist, erase: deps.erase });
  }

  public current(): TokenSet | null {
    return this.session.current();
  }

  /** The epoch of the session now: work begun for one session checks it before touching the next. */
  public epoch(): number {
    return this.session.epoch();
  }

  /** Installs a session read back from disk (already durable). Secrets are registered before anything else. */
  public set(tokens: TokenSet): void {
    this.register(tokens);
    this.session.adopt(tokens);
    this.resetBackoff();
    this.deps.onChange();
  }

  /**
   * A new session from a sign-in: written first, in use once durable. False when a sign-out (or another
   * session) came in during the write; the tokens are then neither kept nor on disk.
   */
  public async signIn(tokens: TokenSet): Promise<boolean> {
    this.register(tokens);
    const kept = await this.session.replace(tokens);
    if (!kept) return false;
    this.resetBackoff();
    this.deps.onChange();
    return true;
  }

  /** Replaces non-secret details (account name) without touching the refresh cycle; written behind. */
  public amend(patch: Pick<TokenSet, 'account'>): TokenSet | null {
    return this.session.amend(patch);
  }

  /** Writes the session again under the storage policy now in force (plaintext opt-in changed). */
  public rewrite(): Promise<void> {
    return this.session.rewrite();
  }

  /** Ends the session in memory now and on disk right after any write under way. */
  public clear(): void {
    this.session.drop();
    this.resetBackoff();
  }

  /** Every queued vault write and wipe has finished. */
  public settled(): Promise<void> {
    return this.session.settled();
  }

  /** When the scheduler should look again: the refresh point, or the end of a backoff. Null when signed out. */
  public nextDueAt(): number | null {
    const tokens = this.current();
    if (!tokens) return null;
    return Math.max(tokens.accessExpiresAt - REFRESH_MARGIN_MS, this.retryAt);
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
    const tokens = this.current();
    if (!tokens) return notSignedIn();
    const now = this.now();
    if (now < tokens.accessExpiresAt - REFRESH_MARGIN_MS) return ok(tokens.accessToken);
    if (now < this.retryAt) return this.usableOr(networkError(this.retryAt, this.lastFailure));
    const refreshed = await this.refresh();
    return refreshed.ok ? refreshed : this.usableOr(refreshed.error);
  }

  public async refreshAfterUnauthorized(staleToken: string): Promise<TokenResult> {
    if (this.inflight) await this.inflight;
    const tokens = this.current();
    if (!tokens) return notSignedIn();
    const now = this.now();
    // Someone already replaced the stale token: share their refresh.
    if (tokens.accessToken !== staleToken && now < tokens.accessExpiresAt - USABLE_SKEW_MS) return ok(tokens.accessToken);
    if (now < this.retryAt) return fail(networkError(this.retryAt, this.lastFailure));
    if (now - this.lastForcedAt < FORCED_REFRESH_GAP_MS) {
      return err('unauthorized', 'Spotify did not accept the new sign-in token; retrying shortly');
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
    // The newest set of the session: a new sign-in being written, or details amended meanwhile.
    const tokens = this.session.latest();
    if (!tokens) return notSignedIn();
    const epoch = this.session.epoch();
    await this.step('before-request');
    const result = await refreshGrant(this.deps.endpoint, this.deps.endpoints(), {
      clientId: tokens.clientId,
      refreshToken: tokens.refreshToken,
    });
    if (epoch !== this.session.epoch()) return notSignedIn();
    if (!result.ok) return this.failed(result.error);

    // Register first: from here on these strings may reach a log line through an error path.
    this.deps.secrets.addSecret(result.value.accessToken, 'access');
    if (result.value.refreshToken) this.deps.secrets.addSecret(result.value.refreshToken, 'refresh');
    await this.step('response-received');
    if (epoch !== this.session.epoch()) return notSignedIn();
    const next: TokenSet = {
      // Details amended while the request was out (the account name) are kept.
      ...(this.session.latest() ?? tokens),
      accessToken: result.value.accessToken,
      accessExpiresAt: this.now() + result.value.expiresInSec * 1000,
      // Spotify stopped rotating in 2026: keep the stored token unless a new one came.
      refreshToken: result.value.refreshToken ?? tokens.refreshToken,
      scopes: result.value.scopes.length > 0 ? result.value.scopes : tokens.scopes,
    };
    // Write-ahead: disk before memory and before any request uses the new token; discarded if dropped meanwhile.
    const kept = await this.session.commit(next, epoch);
    await this.step('persisted');
    if (!kept) return notSignedIn();
    this.resetBackoff();
    this.deps.logger.info('session refreshed', { rotated: result.value.refreshToken !== null, expiresInSec: result.value.expiresInSec });
    this.deps.onChange();
    await this.step('in-use');
    return ok(next.accessToken);
  }

  private failed(error: TokenEndpointError): TokenResult {
    switch (error.kind) {
      case 'invalid_grant':
        this.deps.logger.warn('refresh token refused: session ended', { description: error.description });
        this.clear();
        this.deps.onEnded(SESSION_ENDED_REASON);
        return err('not_signed_in', SESSION_ENDED_REASON);
      case 'invalid_client':
        this.deps.logger.warn('client refused: session ended', { description: error.description });
        this.clear();
        this.deps.onEnded(CLIENT_REJECTED_REASON);
        return err('invalid_client_id', CLIENT_REJECTED_REASON);
      case 'rate_limited':
      case 'network':
      case 'server':
      case 'rejected':
      case 'bad_response': {
        this.failures += 1;
        const wait = Math.max(backoffDelay(this.failures, this.random), error.kind === 'rate_limited' ? error.retryAfterMs : 0);
        this.retryAt = this.now() + wait;
        this.deps.logger.warn('refresh failed; will retry', { reason: error.kind, failures: this.failures, retryInMs: wait });
        this.lastFailure = error.kind === 'server' || error.kind === 'rejected' ? 'server' : 'network';
        return fail(networkError(this.retryAt, this.lastFailure));
      }
    }
  }

  private register(tokens: TokenSet): void {
    this.deps.secrets.addSecret(tokens.accessToken, 'access');
    this.deps.secrets.addSecret(tokens.refreshToken, 'refresh');
  }

  private resetBackoff(): void {
    this.failures = 0;
    this.retryAt = 0;
  }

  /** The old token while it is still safely valid, otherwise the error. */
  private usableOr(error: AppError): TokenResult {
    const tokens = this.current();
    if (tokens && this.now() < tokens.accessExpiresAt - USABLE_SKEW_MS) return ok(tokens.accessToken);
    return fail(error);
  }

  private async step(step: RefreshStep): Promise<void> {
    if (this.deps.step) await this.deps.step(step);
  }
}

const notSignedIn = (): TokenResult => err('not_signed_in', 'Not signed in to Spotify');

/** `server`: Spotify's accounts service answered, with an error; `network`: it could not be reached. */
function networkError(retryAt: number, code: 'network' | 'server'): AppError {
  const message =
    code === 'server'
      ? 'Spotify’s sign-in service is having problems; retrying automatically'
      : 'Spotify cannot be reached right now; retrying automatically';
  return err(code, message, { retryAt }).error;
}
