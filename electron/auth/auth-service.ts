import { err, ok, type Result } from '../../shared/result';
import type { AuthSettings, AuthState, RedirectMode } from '../../shared/state/auth-state';
import type { Logger } from '../logging/logger';
import type { AccessTokenSource, TokenResult } from '../ports/access-token';
import type { Browser } from '../ports/browser';
import type { Cipher } from '../ports/cipher';
import type { Clock } from '../ports/clock';
import type { HttpFetch } from '../ports/http';
import type { KeyValueStore } from '../ports/key-value-store';
import { Emitter } from '../core/emitter';
import { noPowerEvents, type PowerEvents } from '../ports/power-events';
import type { ProtocolRegistrar, ProtocolRegistration } from '../ports/protocol-registrar';
import type { SecretRegistry } from '../ports/secret-registry';
import type { SettingsStore } from '../settings/settings-store';
import { asHttpFetch, createAuthorizedFetch, type AuthorizedFetch } from '../tokens/authorized-fetch';
import { RefreshScheduler } from '../tokens/refresh-scheduler';
import { SessionStore } from '../tokens/session-store';
import { TokenKeeper, type RefreshStep } from '../tokens/token-keeper';
import { refreshExpiresAt, renewSoon, type TokenSet } from '../tokens/token-set';

import { fetchAccount } from './account';

import { buildAuthorizeUrl, isAllowedBrowserUrl } from './authorize-url';
import { SPOTIFY_ENDPOINTS, type Endpoints } from './endpoints';
import { exchangeNotice } from './notices';
import { startLoopbackReceiver, type LoopbackReceiver, type StartLoopback } from './loopback-receiver';
import type { RandomBytes } from './pkce';
import { effectiveRedirectMode, PROTOCOL_REDIRECT_URI, REDIRECT_URIS_TO_REGISTER } from './redirect-uris';
import { SignInFlow, type Attempt, type AttemptOutcome } from './sign-in-flow';
import { exchangeCode } from './token-endpoint';

/** Demo mode: the embedded simulator stands in for Spotify, signed into automatically through the same code. */
export interface DemoConfig {
  readonly clientId: string;
  readonly endpoints: Endpoints;
  readonly http: HttpFetch;
}

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
  readonly startLoopback?: StartLoopback;
  readonly random?: () => number;
  readonly randomBytes?: RandomBytes;
  readonly signInTimeoutMs?: number;
  /** Test seam: step boundaries of a refresh (see TokenKeeper). */
  readonly refreshStep?: (step: RefreshStep) => Promise<void>;
}

type Outcome = { readonly kind: 'signedOut'; readonly notice: string | null } | { readonly kind: 'sessionEnded'; readonly reason: string };

const NOT_REGISTERED: ProtocolRegistration = { ok: false, problem: 'The trayplay:// link handler is not registered yet.' };

/**
 * Sign-in and the token lifecycle behind the contract: holds the auth state (never a token), runs the PKCE
 * attempt and its receivers, the vault, the refresh scheduler, and hands tokens to the Web API client.
 */
export class AuthService implements AccessTokenSource {
  private readonly flow: SignInFlow;
  private readonly keeper: TokenKeeper;
  private readonly sessions: SessionStore;
  private readonly scheduler: RefreshScheduler;
  private readonly listeners: Emitter;
  private outcome: Outcome = { kind: 'signedOut', notice: null };
  private exchanging: Attempt | null = null;
  private exchangeTask: Promise<void> = Promise.resolve();
  private receiver: LoopbackReceiver | null = null;
  private starting = false;
  private registration: ProtocolRegistration = NOT_REGISTERED;
  private lastEmitted = '';
  /** Web API requests with the session's token (errors as data). */
  public readonly authorizedFetch: AuthorizedFetch;
  /** The same as a plain `HttpFetch`, for the Web API client (`WebApiClientOptions.fetch`). */
  public readonly apiFetch: HttpFetch;

  public constructor(private readonly deps: AuthServiceDeps) {
    const log = deps.logger;
    this.listeners = new Emitter(log, 'auth listener');
    this.flow = new SignInFlow({
      clock: deps.clock,
      logger: log.child('sign-in'),
      secrets: deps.secrets,
      timeoutMs: deps.signInTimeoutMs,
      random: deps.randomBytes,
      onOutcome: (outcome) => this.onAttemptOutcome(outcome),
    });
    this.sessions = new SessionStore({
      store: deps.store,
      cipher: deps.cipher,
      clock: deps.clock,
      logger: log.child('vault'),
      secrets: deps.secrets,
      isDemo: () => this.mode() === 'demo',
      plaintextOptIn: () => deps.settings.values().plaintextOptIn,
    });
    this.keeper = new TokenKeeper(
      {
        endpoint: { http: (url, init) => this.http()(url, init), clock: deps.clock },
        endpoints: () => this.endpoints(),
        logger: log.child('refresh'),
        secrets: deps.secrets,
        persist: (tokens) => this.sessions.persist(tokens),
        erase: () => this.sessions.erase(),
        onChange: () => this.changed(),
        onEnded: (reason) => this.onSessionEnded(reason),
        random: deps.random,
        step: deps.refreshStep,
      },
      () => deps.clock.now(),
    );
    this.scheduler = new RefreshScheduler({
      clock: deps.clock,
      power: deps.power ?? noPowerEvents,
      keeper: this.keeper,
      logger: log.child('scheduler'),
      onTick: () => this.changed(),
    });
    this.authorizedFetch = createAuthorizedFetch(this, () => this.http());
    this.apiFetch = asHttpFetch(this.authorizedFetch);
  }

  /** After `app.whenReady()`: registers the scheme, checks secure storage, restores the session. */
  public async start(): Promise<void> {
    this.registration = this.register();
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
    this.flow.dispose();
    void this.closeReceiver();
    this.listeners.clear();
  }

  /** 'demo' when no Client ID is configured and a simulator was provided. */
  public mode(): 'demo' | 'spotify' {
    return this.deps.settings.effectiveClientId().clientId === null && this.deps.demo ? 'demo' : 'spotify';
  }

  public endpoints(): Endpoints {
    return this.mode() === 'demo' && this.deps.demo ? this.deps.demo.endpoints : (this.deps.endpoints ?? SPOTIFY_ENDPOINTS);
  }

  /** Plain requests for the current mode (the simulator's in-process fetch in demo mode). */
  public http(): HttpFetch {
    return this.mode() === 'demo' && this.deps.demo ? this.deps.demo.http : this.deps.http;
  }

  public state(): AuthState {
    if (this.mode() === 'demo') return { kind: 'demo' };
    const pending = this.flow.pending() ?? this.exchanging;
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
    const { clientId, fromBuild } = this.deps.settings.effectiveClientId();
    const values = this.deps.settings.values();
    return {
      clientId,
      clientIdFromBuild: fromBuild,
      redirectMode: values.redirectMode,
      redirectUris: { ...REDIRECT_URIS_TO_REGISTER },
      protocolAvailable: this.registration.ok,
      protocolProblem: this.registration.problem,
      storage: { secure: this.deps.cipher.isSecure(), backend: this.deps.cipher.backend(), plaintextOptIn: values.plaintextOptIn },
    };
  }

  public onChange(listener: () => void): () => void {
    return this.listeners.on(listener);
  }

  public async signIn(): Promise<Result<null>> {
    if (this.mode() === 'demo') return this.demoSignIn();
    const { clientId } = this.deps.settings.effectiveClientId();
    if (clientId === null) return err('invalid_client_id', 'Enter your Spotify Client ID first');
    if (this.busy()) return err('auth_in_progress', 'A sign-in is already waiting for the browser');
    this.starting = true;
    try {
      const endpoints = this.endpoints();
      const mode = effectiveRedirectMode(this.deps.settings.values().redirectMode, this.registration.ok);
      const redirectUri = mode === 'loopback' ? await this.openReceiver() : ok(PROTOCOL_REDIRECT_URI);
      if (!redirectUri.ok) return redirectUri;
      const begun = this.flow.begin({ mode, clientId, endpoints, redirectUri: redirectUri.value });
      if (!begun.ok) {
        await this.closeReceiver();
        return begun;
      }
      this.outcome = { kind: 'signedOut', notice: null };
      const url = buildAuthorizeUrl(endpoints, begun.value);
      if (!isAllowedBrowserUrl(url, endpoints)) {
        this.flow.cancel('The sign-in page address was not on the allow-list');
        return err('auth_failed', 'The sign-in page address was not on the allow-list');
      }
      this.changed();
      try {
        await this.deps.browser.open(url);
      } catch {
        this.flow.cancel('The browser could not be opened');
        return err('auth_failed', 'The browser could not be opened');
      }
      return ok(null);
    } finally {
      this.starting = false;
    }
  }

  public cancel(): Promise<Result<null>> {
    if (this.exchanging) {
      this.exchanging = null;
      this.settle({ kind: 'signedOut', notice: 'Sign-in cancelled' });
    } else {
      this.flow.cancel('Sign-in cancelled');
    }
    return Promise.resolve(ok(null));
  }

  public signOut(): Promise<Result<null>> {
    this.dropSession();
    this.settle({ kind: 'signedOut', notice: null });
    this.deps.logger.info('signed out');
    return Promise.resolve(ok(null));
  }

  public async setClientId(clientId: string | null): Promise<Result<null>> {
    const before = this.deps.settings.effectiveClientId().clientId;
    const saved = this.deps.settings.setClientId(clientId);
    if (!saved.ok) return saved;
    if (this.deps.settings.effectiveClientId().clientId === before) return ok(null);
    // Tokens belong to the Client ID that obtained them.
    this.dropSession();
    this.settle({ kind: 'signedOut', notice: null });
    if (this.mode() === 'demo') await this.demoSignIn();
    return ok(null);
  }

  public setRedirectMode(mode: RedirectMode): Promise<Result<null>> {
    const saved = this.deps.settings.setRedirectMode(mode);
    this.changed();
    return Promise.resolve(saved);
  }

  public async setPlaintextOptIn(optIn: boolean): Promise<Result<null>> {
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

  /** A `trayplay://` URL from `open-url`, `second-instance` or the cold-start argv. */
  public handleProtocolUrl(url: string): void {
    this.flow.receive(url);
  }

  public getAccessToken(): Promise<TokenResult> {
    return this.keeper.getAccessToken();
  }

  public refreshAfterUnauthorized(staleToken: string): Promise<TokenResult> {
    return this.keeper.refreshAfterUnauthorized(staleToken);
  }

  /** Completes when any code exchange in progress and every queued vault write have finished (tests, demo start). */
  public async settled(): Promise<void> {
    await this.exchangeTask;
    await this.keeper.settled();
  }

  private busy(): boolean {
    return this.starting || this.flow.pending() !== null || this.exchanging !== null;
  }

  private register(): ProtocolRegistration {
    if (!this.deps.protocol) return { ok: false, problem: 'trayplay:// links are not available here; the loopback address is used instead.' };
    try {
      return this.deps.protocol.register();
    } catch (cause) {
      return { ok: false, problem: `The trayplay:// link handler could not be registered (${cause instanceof Error ? cause.message : 'unknown'}).` };
    }
  }

  private async restore(): Promise<void> {
    const restored = await this.sessions.restore(this.deps.settings.effectiveClientId().clientId);
    switch (restored.kind) {
      case 'none':
        return;
      case 'signedOut':
      case 'sessionEnded':
        this.outcome = restored.kind === 'signedOut' ? { kind: 'signedOut', notice: restored.notice } : restored;
        return;
      case 'session':
        this.keeper.set(restored.tokens);
        if (!restored.tokens.account) void this.loadAccount();
        return;
    }
  }

  private async demoSignIn(): Promise<Result<null>> {
    const demo = this.deps.demo;
    if (!demo) return err('invalid_client_id', 'Enter your Spotify Client ID first');
    if (this.keeper.current()) return ok(null);
    if (this.busy()) return err('auth_in_progress', 'A sign-in is already in progress');
    const begun = this.flow.begin({ mode: 'protocol', clientId: demo.clientId, endpoints: demo.endpoints, redirectUri: PROTOCOL_REDIRECT_URI });
    if (!begun.ok) return begun;
    // No browser: the simulator approves at once and answers the authorize request with the redirect.
    const location = await demo
      .http(buildAuthorizeUrl(demo.endpoints, begun.value), { redirect: 'manual' })
      .then((response) => response.headers.get('location'))
      .catch(() => null);
    if (location === null) {
      this.flow.cancel('The demo could not sign in');
      return err('auth_failed', 'The demo could not sign in');
    }
    this.flow.receive(location);
    await this.exchangeTask;
    return this.keeper.current() ? ok(null) : err('auth_failed', 'The demo could not sign in');
  }

  private onAttemptOutcome(outcome: AttemptOutcome): void {
    void this.closeReceiver();
    switch (outcome.kind) {
      case 'code':
        this.exchangeTask = this.exchange(outcome.attempt, outcome.code);
        return;
      case 'ended':
        this.settle({ kind: 'signedOut', notice: outcome.notice });
        return;
    }
  }

  private async exchange(attempt: Attempt, code: string): Promise<void> {
    this.exchanging = attempt;
    this.changed();
    try {
      await this.completeExchange(attempt, code);
    } finally {
      // Whatever happened, this attempt no longer holds the UI in "authorizing".
      if (this.exchanging === attempt) {
        this.exchanging = null;
        this.changed();
      }
    }
  }

  private async completeExchange(attempt: Attempt, code: string): Promise<void> {
    const result = await exchangeCode({ http: (url, init) => this.http()(url, init), clock: this.deps.clock }, attempt.endpoints, {
      clientId: attempt.clientId,
      code,
      redirectUri: attempt.redirectUri,
      verifier: attempt.verifier,
    });
    // Cancelled, signed out or the Client ID changed meanwhile: every one of them clears `exchanging`.
    if (this.exchanging !== attempt) return;
    if (!result.ok || result.grant.refreshToken === null) {
      this.exchanging = null;
      this.deps.logger.warn('code exchange failed', { reason: result.ok ? 'no refresh token' : result.error.kind });
      this.settle({ kind: 'signedOut', notice: result.ok ? exchangeNotice({ kind: 'bad_response', message: '' }) : exchangeNotice(result.error) });
      return;
    }
    const tokens: TokenSet = {
      clientId: attempt.clientId,
      accessToken: result.grant.accessToken,
      accessExpiresAt: this.deps.clock.now() + result.grant.expiresInSec * 1000,
      refreshToken: result.grant.refreshToken,
      scopes: result.grant.scopes,
      // The approval happened during the attempt; its start is the conservative end of the 6 months.
      authorizedAt: attempt.startedAt,
      account: null,
    };
    // Still "authorizing" (Sign in refused) until the session is durable; a drop meanwhile discards it. The
    // epoch is read here, not when the exchange began: an earlier attempt's late cleanup must not refuse it.
    const kept = await this.keeper.signIn(tokens, this.keeper.epoch());
    if (!kept) return;
    if (this.exchanging !== attempt) {
      // Cancelled while the write was under way: the new session goes again.
      this.keeper.clear();
      this.changed();
      return;
    }
    this.exchanging = null;
    this.outcome = { kind: 'signedOut', notice: null };
    this.deps.logger.info('signed in', { scopes: tokens.scopes.length });
    await this.loadAccount();
    this.scheduler.tick();
    this.changed();
  }

  private async loadAccount(): Promise<void> {
    const epoch = this.keeper.epoch();
    const account = await fetchAccount(this.authorizedFetch, this.endpoints(), this.deps.logger);
    // Signed out or another session meanwhile: this name is not theirs.
    if (!account || epoch !== this.keeper.epoch()) return;
    this.keeper.amend({ account });
    this.changed();
  }

  private onSessionEnded(reason: string): void {
    // The keeper dropped the session: the wipe is already queued behind any write under way.
    if (this.mode() === 'demo') {
      void this.demoSignIn();
      return;
    }
    this.settle({ kind: 'sessionEnded', reason });
  }

  /** Wipes the session from memory and (behind any write under way) from disk, and abandons any attempt. */
  private dropSession(): void {
    this.exchanging = null;
    this.flow.cancel();
    this.keeper.clear();
  }

  private async openReceiver(): Promise<Result<string>> {
    await this.closeReceiver();
    const started = await (this.deps.startLoopback ?? startLoopbackReceiver)((url) => this.flow.receive(url));
    if (!started.ok) return err('auth_failed', started.message);
    this.receiver = started.receiver;
    return ok(started.receiver.redirectUri);
  }

  private async closeReceiver(): Promise<void> {
    const receiver = this.receiver;
    this.receiver = null;
    if (receiver) await receiver.close();
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
