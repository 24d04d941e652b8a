import { err, ok, type Result } from '../../shared/result';
import type { Logger } from '../logging/logger';
import type { Browser } from '../ports/browser';
import type { Clock } from '../ports/clock';
import type { SecretRegistry } from '../ports/secret-registry';
import type { SettingsStore } from '../settings/settings-store';
import type { TokenKeeper } from '../tokens/token-keeper';

import type { AuthMode } from './auth-mode';
import { buildAuthorizeUrl, isAllowedBrowserUrl } from './authorize-url';
import { exchangeForSession } from './code-exchange';
import { startLoopbackReceiver, type LoopbackReceiver, type StartLoopback } from './loopback-receiver';
import type { RandomBytes } from './pkce';
import { effectiveRedirectMode, PROTOCOL_REDIRECT_URI } from './redirect-uris';
import { SignInFlow, type Attempt, type AttemptOutcome } from './sign-in-flow';

/** What the account page shows when there is no session. */
export type Outcome = { readonly kind: 'signedOut'; readonly notice: string | null } | { readonly kind: 'sessionEnded'; readonly reason: string };

export interface SignInAttemptsDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
  readonly settings: SettingsStore;
  readonly browser: Browser;
  readonly mode: AuthMode;
  readonly keeper: TokenKeeper;
  /** Whether the `trayplay://` scheme could be registered (else loopback is used). */
  readonly protocolAvailable: () => boolean;
  readonly startLoopback?: StartLoopback;
  readonly randomBytes?: RandomBytes;
  readonly timeoutMs?: number;
  /** Something the auth state shows changed. */
  readonly changed: () => void;
  /** What to show when there is no session (an attempt began, ended or failed). */
  readonly settle: (outcome: Outcome) => void;
  /** A new session is durable and in use: load its details. */
  readonly signedIn: () => Promise<void>;
}

/**
 * Runs sign-in attempts: the PKCE flow and its loopback receiver, the browser, the code exchange, and the
 * first (write-ahead) save of the new session. One attempt at a time; cancel, sign-out and a Client ID
 * change abandon it however late its steps finish.
 */
export class SignInAttempts {
  private readonly flow: SignInFlow;
  /** The attempt whose code is being exchanged and written; null when none, or once abandoned. */
  private exchanging: Attempt | null = null;
  /** The attempt whose tokens are being written (the session's first, write-ahead save); null otherwise. */
  private writing: Attempt | null = null;
  private exchangeTask: Promise<void> = Promise.resolve();
  private receiver: LoopbackReceiver | null = null;
  private starting = false;

  public constructor(private readonly deps: SignInAttemptsDeps) {
    this.flow = new SignInFlow({
      clock: deps.clock,
      logger: deps.logger,
      secrets: deps.secrets,
      timeoutMs: deps.timeoutMs,
      random: deps.randomBytes,
      onOutcome: (outcome) => this.onAttemptOutcome(outcome),
    });
  }

  /** The attempt the UI shows as "authorizing": waiting for the browser, or exchanging and writing. */
  public pending(): Attempt | null {
    return this.flow.pending() ?? this.exchanging;
  }

  public busy(): boolean {
    return this.starting || this.pending() !== null;
  }

  /** Starts an attempt in the user's browser. */
  public async begin(clientId: string): Promise<Result<null>> {
    if (this.busy()) return err('auth_in_progress', 'A sign-in is already waiting for the browser');
    this.starting = true;
    try {
      const endpoints = this.deps.mode.endpoints();
      const mode = effectiveRedirectMode(this.deps.settings.values().redirectMode, this.deps.protocolAvailable());
      const redirectUri = mode === 'loopback' ? await this.openReceiver() : ok(PROTOCOL_REDIRECT_URI);
      if (!redirectUri.ok) return redirectUri;
      const begun = this.flow.begin({ mode, clientId, endpoints, redirectUri: redirectUri.value });
      if (!begun.ok) {
        await this.closeReceiver();
        return begun;
      }
      const url = buildAuthorizeUrl(endpoints, begun.value);
      if (!isAllowedBrowserUrl(url, endpoints)) {
        this.flow.cancel('The sign-in page address was not on the allow-list');
        return err('auth_failed', 'The sign-in page address was not on the allow-list');
      }
      this.deps.settle({ kind: 'signedOut', notice: null });
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

  /** Demo mode: no browser; the simulator approves at once and answers the authorize request with the redirect. */
  public async beginDemo(demo: { readonly clientId: string }): Promise<Result<null>> {
    if (this.busy()) return err('auth_in_progress', 'A sign-in is already in progress');
    const endpoints = this.deps.mode.endpoints();
    const begun = this.flow.begin({ mode: 'protocol', clientId: demo.clientId, endpoints, redirectUri: PROTOCOL_REDIRECT_URI });
    if (!begun.ok) return begun;
    const location = await this.deps.mode
      .http()(buildAuthorizeUrl(endpoints, begun.value), { redirect: 'manual' })
      .then((response) => response.headers.get('location'))
      .catch(() => null);
    if (location === null) {
      this.flow.cancel('The demo could not sign in');
      return err('auth_failed', 'The demo could not sign in');
    }
    this.flow.receive(location);
    await this.exchangeTask;
    return this.deps.keeper.current() ? ok(null) : err('auth_failed', 'The demo could not sign in');
  }

  /** The user pressed Cancel. */
  public cancel(): void {
    if (this.exchanging) {
      // Its write under way is outdated at once (and wiped behind), so the session never goes live. Before
      // the write, nothing of this attempt is held, and the session signed in already (if any) stays.
      if (this.writing === this.exchanging) this.deps.keeper.clear();
      this.exchanging = null;
      this.deps.settle({ kind: 'signedOut', notice: 'Sign-in cancelled' });
    } else {
      this.flow.cancel('Sign-in cancelled');
    }
  }

  /** Sign-out or a Client ID change: the attempt ends silently (the caller says what happened). */
  public abandon(): void {
    this.exchanging = null;
    this.flow.cancel();
  }

  /** A `trayplay://` callback URL. */
  public receive(url: string): void {
    this.flow.receive(url);
  }

  /** Completes when the code exchange in progress, if any, has finished. */
  public settled(): Promise<void> {
    return this.exchangeTask;
  }

  public dispose(): void {
    this.flow.dispose();
    void this.closeReceiver();
  }

  private onAttemptOutcome(outcome: AttemptOutcome): void {
    void this.closeReceiver();
    switch (outcome.kind) {
      case 'code':
        this.exchangeTask = this.exchange(outcome.attempt, outcome.code);
        return;
      case 'ended':
        this.deps.settle({ kind: 'signedOut', notice: outcome.notice });
        return;
    }
  }

  private async exchange(attempt: Attempt, code: string): Promise<void> {
    this.exchanging = attempt;
    this.deps.changed();
    try {
      await this.completeExchange(attempt, code);
    } finally {
      // Whatever happened, this attempt no longer holds the UI in "authorizing".
      if (this.exchanging === attempt) {
        this.exchanging = null;
        this.deps.changed();
      }
    }
  }

  private async completeExchange(attempt: Attempt, code: string): Promise<void> {
    const keeper = this.deps.keeper;
    const exchanged = await exchangeForSession({ http: (url, init) => this.deps.mode.http()(url, init), clock: this.deps.clock }, attempt, code);
    // Cancelled, signed out or the Client ID changed meanwhile: each of them clears `exchanging`.
    if (this.exchanging !== attempt) return;
    if (!exchanged.ok) {
      this.exchanging = null;
      this.deps.logger.warn('code exchange failed', { reason: exchanged.error.reason });
      this.deps.settle({ kind: 'signedOut', notice: exchanged.error.notice });
      return;
    }
    const tokens = exchanged.value;
    // Still "authorizing" (Sign in refused) until the session is durable; a drop meanwhile (Cancel, sign-out,
    // Client ID change) discards it.
    this.writing = attempt;
    const kept = await keeper.signIn(tokens).finally(() => {
      if (this.writing === attempt) this.writing = null;
    });
    if (!kept) return;
    this.exchanging = null;
    this.deps.logger.info('signed in', { scopes: tokens.scopes.length });
    this.deps.settle({ kind: 'signedOut', notice: null });
    await this.deps.signedIn();
  }

  private async openReceiver(): Promise<Result<string>> {
    await this.closeReceiver();
    const started = await (this.deps.startLoopback ?? startLoopbackReceiver)((url) => this.flow.receive(url));
    if (!started.ok) return err('auth_failed', started.error);
    this.receiver = started.value;
    return ok(started.value.redirectUri);
  }

  private async closeReceiver(): Promise<void> {
    const receiver = this.receiver;
    this.receiver = null;
    if (receiver) await receiver.close();
  }
}
