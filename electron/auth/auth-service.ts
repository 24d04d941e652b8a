import { err, ok, type Result } from '../../shared/result';
import type { AuthSettings, AuthState, RedirectMode } from '../../shared/state/auth-state';
import { Emitter } from '../core/emitter';
import type { Logger } from '../logging/logger';
import type { AccessTokenSource, TokenResult } from '../ports/access-token';
import type { Browser } from '../ports/browser';
import type { Cipher } from '../ports/cipher';
import type { Clock } from '../ports/clock';
import type { HttpFetch } from '../ports/http';
import type { KeyValueStore } from '../ports/key-value-store';
import type { PlaintextConsent } from '../ports/plaintext-consent';
import type { PowerEvents } from '../ports/power-events';
import type { ProtocolRegistrar, ProtocolRegistration } from '../ports/protocol-registrar';
import type { SecretRegistry } from '../ports/secret-registry';
import type { SettingsStore } from '../settings/settings-store';
import { createAuthorizedFetch, type AuthorizedFetch } from '../tokens/authorized-fetch';
import type { RefreshScheduler } from '../tokens/refresh-scheduler';
import type { SessionStore } from '../tokens/session-store';
import type { RefreshStep, TokenKeeper } from '../tokens/token-keeper';
import { refreshExpiresAt, renewSoon } from '../tokens/token-set';

import { loadAccount } from './account';
import { AuthMode, type DemoConfig } from './auth-mode';
import { authSettingsView, changeClientId, NOT_REGISTERED, registerScheme } from './auth-settings';
import type { Endpoints } from './endpoints';
import type { StartLoopback } from './loopback-receiver';
import type { RandomBytes } from './pkce';
import { SignInAttempts, type Outcome } from './sign-in-attempts';
import { createTokenSession } from './token-session';

export type { DemoConfig } from './auth-mode';

export interface AuthServiceDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  /** The RootLogger: every token, code, verifier and state is registered here the moment it is known. */
  readonly secrets: SecretRegistry;
  /** Requests to Spotify (global fetch in the app). */
  readonly http: HttpFetch;
  /** Spotify's endpoints; tests point them at a simulator. */
  readonly endpoints?: Endpoints;
  /** Used whenever no Client ID is configured; null: no demo (the user must enter one). */
  readonly demo?: DemoConfig | null;
  readonly settings: SettingsStore;
  /** Where the encrypted vault lives (electron-store in the app). */
  readonly store: KeyValueStore;
  readonly cipher: Cipher;
  readonly browser: Browser;
  /** Null where no scheme can exist (the headless host): sign-in then always uses loopback. */
  readonly protocol: ProtocolRegistrar | null;
  readonly power?: PowerEvents;
  /** Asked before a plaintext opt-in is honoured (Electron: a native dialog); absent: the page's warning stands. */
  readonly plaintextConsent?: PlaintextConsent | null;
  readonly startLoopback?: StartLoopback;
  readonly random?: () => number;
  readonly randomBytes?: RandomBytes;
  readonly signInTimeoutMs?: number;
  /** Test seam: step boundaries of a refresh (see TokenKeeper). */
  readonly refreshStep?: (step: RefreshStep) => Promise<void>;
}

/**
 * Sign-in and the token lifecycle behind the contract: holds the auth state (never a token) and joins the
 * parts — the sign-in attempts, the session store and keeper, the refresh scheduler, the account loader —
 * and hands tokens to the Web API client.
 */
export class AuthService implements AccessTokenSource {
  private readonly modes: AuthMode;
  private readonly attempts: SignInAttempts;
  private readonly keeper: TokenKeeper;
  private readonly sessions: SessionStore;
  private readonly scheduler: RefreshScheduler;
  private readonly listeners: Emitter;
  private outcome: Outcome = { kind: 'signedOut', notice: null };
  private registration: ProtocolRegistration = NOT_REGISTERED;
  private lastEmitted = '';
  /** Web API requests with the session's token (errors as data), for the Web API client. */
  public readonly authorizedFetch: AuthorizedFetch;

  public constructor(private readonly deps: AuthServiceDeps) {
    const log = deps.logger;
    this.listeners = new Emitter(log, 'auth listener');
    this.modes = new AuthMode(deps);
    ({ sessions: this.sessions, keeper: this.keeper, scheduler: this.scheduler } = createTokenSession({
      ...deps,
      mode: this.modes,
      changed: () => this.changed(),
      ended: (reason) => this.onSessionEnded(reason),
    }));
    this.attempts = new SignInAttempts({
      clock: deps.clock,
      logger: log.child('sign-in'),
      secrets: deps.secrets,
      settings: deps.settings,
      browser: deps.browser,
      mode: this.modes,
      keeper: this.keeper,
      protocolAvailable: () => this.registration.ok,
      startLoopback: deps.startLoopback,
      randomBytes: deps.randomBytes,
      timeoutMs: deps.signInTimeoutMs,
      changed: () => this.changed(),
      settle: (outcome) => this.settle(outcome),
      signedIn: async () => {
        await this.loadAccount();
        this.scheduler.tick();
        this.changed();
      },
    });
    this.authorizedFetch = createAuthorizedFetch(this, () => this.http());
  }

  /** After `app.whenReady()`: registers the scheme, checks secure storage, restores the session. */
  public async start(): Promise<void> {
    this.registration = registerScheme(this.deps.protocol);
    await this.sessions.open();
    this.scheduler.start();
    if (this.mode() === 'demo') {
      await this.demoSignIn();
    } else {
      await this.restore();
    }
    this.scheduler.tick();
    this.changed();
  }

  public dispose(): void {
    this.scheduler.stop();
    this.attempts.dispose();
    this.listeners.clear();
  }

  /** 'demo' when no Client ID is configured and a simulator was provided. */
  public mode(): 'demo' | 'spotify' {
    return this.modes.mode();
  }

  public endpoints(): Endpoints {
    return this.modes.endpoints();
  }

  /** Plain requests for the current mode (the simulator's in-process fetch in demo mode). */
  public http(): HttpFetch {
    return this.modes.http();
  }

  public state(): AuthState {
    if (this.mode() === 'demo') return { kind: 'demo' };
    const pending = this.attempts.pending();
    if (pending) return { kind: 'authorizing', redirectMode: pending.mode, startedAt: pending.startedAt, expiresAt: pending.expiresAt };
    const tokens = this.keeper.current();
    if (tokens) {
      return {
        kind: 'signedIn',
        account: tokens.account ?? { id: '', displayName: 'Spotify account' },
        scopes: [...tokens.scopes],
        accessExpiresAt: tokens.accessExpiresAt,
        refreshExpiresAt: refreshExpiresAt(tokens.authorizedAt),
        renewSoon: renewSoon(tokens, this.deps.clock.now()),
        persistence: this.sessions.persistence(),
      };
    }
    return this.outcome.kind === 'signedOut' ? { kind: 'signedOut', notice: this.outcome.notice } : this.outcome;
  }

  public settings(): AuthSettings {
    return authSettingsView(this.deps.settings, this.registration, this.deps.cipher);
  }

  public onChange(listener: () => void): () => void {
    return this.listeners.on(listener);
  }

  public signIn(): Promise<Result<null>> {
    if (this.mode() === 'demo') return this.demoSignIn();
    const { clientId } = this.deps.settings.effectiveClientId();
    if (clientId === null) return Promise.resolve(err('invalid_client_id', 'Enter your Spotify Client ID first'));
    return this.attempts.begin(clientId);
  }

  public cancel(): Promise<Result<null>> {
    this.attempts.cancel();
    return Promise.resolve(ok(null));
  }

  public signOut(): Promise<Result<null>> {
    this.endSession();
    this.deps.logger.info('signed out');
    return Promise.resolve(ok(null));
  }

  public setClientId(clientId: string | null): Promise<Result<null>> {
    return changeClientId(
      { settings: this.deps.settings, endSession: () => this.endSession(), isDemo: () => this.mode() === 'demo', demoSignIn: () => this.demoSignIn() },
      clientId,
    );
  }

  public setRedirectMode(mode: RedirectMode): Promise<Result<null>> {
    const saved = this.deps.settings.setRedirectMode(mode);
    this.changed();
    return Promise.resolve(saved);
  }

  public async setPlaintextOptIn(optIn: boolean): Promise<Result<null>> {
    if (optIn && !this.deps.settings.values().plaintextOptIn && !(await this.userConfirmsPlaintext())) {
      return err('auth_cancelled', 'Storing the sign-in unencrypted was not confirmed');
    }
    const saved = this.deps.settings.setPlaintextOptIn(optIn);
    if (!saved.ok) return saved;
    if (!this.deps.cipher.isSecure() && this.mode() === 'spotify') {
      // Through the session's queue, so it cannot cross a refresh's write.
      if (this.keeper.current()) await this.keeper.rewrite();
      else if (!optIn) this.sessions.clear();
    }
    this.changed();
    return ok(null);
  }

  private async userConfirmsPlaintext(): Promise<boolean> {
    const consent = this.deps.plaintextConsent;
    if (!consent) return true;
    try {
      return (await consent.confirm()) === true;
    } catch {
      return false; // no dialog, no consent
    }
  }

  /** A `trayplay://` URL from `open-url`, `second-instance` or the cold-start argv. */
  public handleProtocolUrl(url: string): void {
    this.attempts.receive(url);
  }

  public getAccessToken(): Promise<TokenResult> {
    return this.keeper.getAccessToken();
  }

  public refreshAfterUnauthorized(staleToken: string): Promise<TokenResult> {
    return this.keeper.refreshAfterUnauthorized(staleToken);
  }

  /** Completes when any code exchange in progress and every queued vault write have finished (tests, demo start). */
  public async settled(): Promise<void> {
    await this.attempts.settled();
    await this.keeper.settled();
  }

  private async restore(): Promise<void> {
    const restored = await this.sessions.restore(this.deps.settings.effectiveClientId().clientId);
    switch (restored.kind) {
      case 'none':
        return;
      case 'signedOut':
        this.outcome = { kind: 'signedOut', notice: restored.notice };
        return;
      case 'sessionEnded':
        this.outcome = restored;
        return;
      case 'session':
        this.keeper.set(restored.tokens);
        if (!restored.tokens.account) void this.loadAccount();
        return;
    }
  }

  private demoSignIn(): Promise<Result<null>> {
    const demo = this.modes.demo();
    if (!demo) return Promise.resolve(err('invalid_client_id', 'Enter your Spotify Client ID first'));
    if (this.keeper.current()) return Promise.resolve(ok(null));
    return this.attempts.beginDemo(demo);
  }

  private async loadAccount(): Promise<void> {
    if (await loadAccount(this.keeper, this.authorizedFetch, this.endpoints(), this.deps.logger)) this.changed();
  }

  private onSessionEnded(reason: string): void {
    // The keeper dropped the session: the wipe is already queued behind any write under way.
    if (this.mode() === 'demo') {
      void this.demoSignIn();
      return;
    }
    this.settle({ kind: 'sessionEnded', reason });
  }

  /** Wipes the session from memory and (behind any write under way) from disk, abandons any attempt, and says so. */
  private endSession(): void {
    this.attempts.abandon();
    this.keeper.clear();
    this.settle({ kind: 'signedOut', notice: null });
  }

  private settle(outcome: Outcome): void {
    this.outcome = outcome;
    this.changed();
  }

  private changed(): void {
    const snapshot = JSON.stringify([this.state(), this.settings()]);
    if (snapshot === this.lastEmitted) return;
    this.lastEmitted = snapshot;
    this.listeners.emit();
  }
}
