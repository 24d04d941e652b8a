import { timingSafeEqual } from 'node:crypto';

import { err, ok, type ErrorCode, type Result } from '../../shared/result';
import type { RedirectMode } from '../../shared/state/auth-state';
import type { Logger } from '../logging/logger';
import type { Clock, TimerHandle } from '../ports/clock';
import type { SecretRegistry } from '../ports/secret-registry';

import { deniedMessage, parseCallback } from './callback-parser';
import type { Endpoints } from './endpoints';
import type { LoopbackVerdict } from './loopback-receiver';
import { createState, createVerifier, type RandomBytes } from './pkce';

/** How long the user has to finish in the browser. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/** One sign-in attempt. Its `state` and `verifier` stay in main and die with the attempt. */
export interface Attempt {
  readonly id: number;
  readonly mode: RedirectMode;
  readonly clientId: string;
  readonly endpoints: Endpoints;
  readonly redirectUri: string;
  readonly state: string;
  readonly verifier: string;
  readonly startedAt: number;
  readonly expiresAt: number;
}

export type AttemptOutcome =
  | { readonly kind: 'code'; readonly attempt: Attempt; readonly code: string }
  | { readonly kind: 'ended'; readonly attempt: Attempt; readonly code: ErrorCode; readonly notice: string };

export interface SignInFlowDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
  readonly onOutcome: (outcome: AttemptOutcome) => void;
  readonly timeoutMs?: number;
  readonly random?: RandomBytes;
}

const REMEMBERED_STATES = 20;

/**
 * One pending attempt at a time, ended by a valid callback, a denial, cancel or timeout. Callbacks for any
 * other state are rejected and logged (without their values); replays and late arrivals are ignored.
 */
export class SignInFlow {
  private attempt: Attempt | null = null;
  private timer: TimerHandle = null;
  private nextId = 1;
  /** States of finished attempts, to tell a replay or a late callback from a forged one in the logs. */
  private readonly finished: string[] = [];

  public constructor(private readonly deps: SignInFlowDeps) {}

  public pending(): Attempt | null {
    return this.attempt;
  }

  public begin(params: Pick<Attempt, 'mode' | 'clientId' | 'endpoints' | 'redirectUri'>): Result<Attempt> {
    if (this.attempt) return err('auth_in_progress', 'A sign-in is already waiting for the browser');
    const startedAt = this.deps.clock.now();
    const timeoutMs = this.deps.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
    const attempt: Attempt = {
      ...params,
      id: this.nextId++,
      state: createState(this.deps.random),
      verifier: createVerifier(this.deps.random),
      startedAt,
      expiresAt: startedAt + timeoutMs,
    };
    this.deps.secrets.addSecret(attempt.verifier);
    this.deps.secrets.addSecret(attempt.state);
    this.attempt = attempt;
    this.timer = this.deps.clock.setTimeout(() => this.end('auth_timeout', 'The sign-in timed out. Please try again.'), timeoutMs);
    this.deps.logger.info('sign-in started', { attempt: attempt.id, mode: attempt.mode });
    return ok(attempt);
  }

  /** Ends the pending attempt; false when there was none. */
  public cancel(notice = 'Sign-in cancelled'): boolean {
    return this.end('auth_cancelled', notice);
  }

  /** Handles a redirect from the browser (custom scheme or loopback). The verdict is what the browser page says. */
  public receive(url: string): LoopbackVerdict {
    const attempt = this.attempt;
    if (!attempt) {
      this.deps.logger.warn('callback ignored: no sign-in is waiting', { replay: this.wasFinished(url) });
      return { accepted: false, message: 'This sign-in link was already used or has expired.' };
    }
    // The timer may have slept with the machine: the absolute deadline decides.
    if (this.deps.clock.now() >= attempt.expiresAt) {
      this.end('auth_timeout', 'The sign-in timed out. Please try again.');
      return { accepted: false, message: 'This sign-in took too long and has expired.' };
    }
    const parsed = parseCallback(url, attempt.redirectUri);
    if (!parsed.ok) {
      if (parsed.error.state !== null && sameSecret(parsed.error.state, attempt.state)) {
        this.end('auth_failed', `${parsed.error.message} Please try again.`);
        return { accepted: false, message: parsed.error.message };
      }
      this.deps.logger.warn('callback rejected', { problem: parsed.error.kind, attempt: attempt.id });
      return { accepted: false, message: parsed.error.message };
    }
    if (!sameSecret(parsed.value.state, attempt.state)) {
      this.deps.logger.warn('callback rejected: state does not match the pending sign-in', {
        attempt: attempt.id,
        replay: this.finished.includes(parsed.value.state),
      });
      return { accepted: false, message: 'This sign-in link does not belong to the sign-in in progress.' };
    }
    const callback = parsed.value;
    switch (callback.kind) {
      case 'denied': {
        const notice = deniedMessage(callback.error);
        this.end(callback.error === 'access_denied' ? 'auth_cancelled' : 'auth_failed', notice);
        return { accepted: false, message: `${notice}.` };
      }
      case 'code':
        this.deps.secrets.addSecret(callback.code);
        this.finish();
        this.deps.logger.info('sign-in approved in the browser', { attempt: attempt.id });
        this.deps.onOutcome({ kind: 'code', attempt, code: callback.code });
        return { accepted: true, message: 'Trayplay received your sign-in.' };
    }
  }

  public dispose(): void {
    this.cancel();
  }

  private end(code: ErrorCode, notice: string): boolean {
    const attempt = this.attempt;
    if (!attempt) return false;
    this.finish();
    // Not `code`: the logger redacts fields by that name (OAuth codes), which would hide the outcome.
    this.deps.logger.info('sign-in ended', { attempt: attempt.id, outcome: code });
    this.deps.onOutcome({ kind: 'ended', attempt, code, notice });
    return true;
  }

  private finish(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.attempt) this.finished.push(this.attempt.state);
    if (this.finished.length > REMEMBERED_STATES) this.finished.shift();
    this.attempt = null;
  }

  private wasFinished(url: string): boolean {
    try {
      const state = new URL(url).searchParams.get('state');
      return state !== null && this.finished.includes(state);
    } catch {
      return false;
    }
  }
}

/** Constant-time comparison, so timing never hints at the expected state. */
function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
