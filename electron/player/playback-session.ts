import { err, type Result } from '../../shared/result';
import type { Controls, Device, NowPlaying, PlaybackState } from '../../shared/state/now-playing';
import { Emitter } from '../core/emitter';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { SpotifyError } from '../spotify/api-errors';

import { INITIAL_LINK_HEALTH, reduceLinkHealth, wakePending, type LinkEvent, type LinkHealth } from './link-health';
import { LikedCache } from './liked-cache';
import { playbackNotice } from './notice';
import { withPending, type PendingCommand } from './optimistic';
import { nextFetchAt, type RefreshPolicyInput, type Visibility } from './refresh-policy';

export const SIGNED_OUT_REASON = 'Sign in to Spotify to use the controls.';
const LOADING: NowPlaying = { kind: 'unavailable', reason: 'loading', message: 'Looking for Spotify…', retryAt: null };

/** Which account an await started for; `PlaybackSession.isCurrent` says whether its answer still applies. */
export type SessionTicket = number & { readonly __ticket: unique symbol };

/**
 * Everything the engine knows for the signed-in account, shared by the command runner and the observer:
 * what was observed, the commands not yet confirmed, link health, devices and likes. Bumping the generation
 * (an account change) makes every answer still out for the old account stale: each await re-checks its
 * ticket with `isCurrent` before touching anything here.
 */
export class PlaybackSession {
  private generation = 0;
  public health: LinkHealth = INITIAL_LINK_HEALTH;
  public observed: NowPlaying = LOADING;
  public pending: PendingCommand[] = [];
  public readonly liked = new LikedCache();
  public knownDevices: Device[] = [];
  public lastUsedDeviceId: string | null = null;
  /** When the last command that changed playback was answered (the policy plans its confirming read). */
  public lastCommandAt: number | null = null;
  public visibility: Visibility;
  /** The media session says the local Spotify app is the active device and signals its changes. */
  public localHints = false;

  /** A throwing listener is logged and skipped: it must not break a command or leave its entry stuck. */
  private readonly changes: Emitter;
  private state: PlaybackState;
  private stateJson: string;

  public constructor(
    private readonly deps: {
      readonly clock: Clock;
      readonly logger: Logger | undefined;
      readonly visibility: Visibility;
      /** Re-plans the read timer (the observer's); called after anything the refresh policy looks at changed. */
      readonly replan: () => void;
    },
  ) {
    this.visibility = deps.visibility;
    this.changes = new Emitter(deps.logger, 'playback onChange');
    this.state = this.compute();
    this.stateJson = JSON.stringify(this.state);
  }

  // ---- the account generation ----------------------------------------------------------------------

  public ticket(): SessionTicket {
    return this.generation as SessionTicket;
  }

  /** False once the account changed after `ticket` was taken: the answer belongs to a session that is gone. */
  public isCurrent(ticket: SessionTicket): boolean {
    return ticket === this.generation;
  }

  /**
   * Signed in, signed out, or another account (demo → the user's own): nothing observed for the old account
   * may show or be replayed for the new one, and a sign-out turns the controls off at once.
   */
  public accountChanged(signedIn: boolean): void {
    this.generation += 1;
    this.pending = [];
    this.liked.clear();
    this.knownDevices = [];
    this.lastUsedDeviceId = null;
    this.lastCommandAt = null;
    if (!signedIn) {
      this.becomeSignedOut();
      return;
    }
    this.apply({ kind: 'account-signed-in' });
    this.setObserved(LOADING);
  }

  public becomeSignedOut(): void {
    this.apply({ kind: 'signed-out' });
    this.pending = [];
    this.liked.clear();
    this.setObserved({ kind: 'unavailable', reason: 'signedOut', message: 'Not signed in to Spotify.', retryAt: null });
  }

  // ---- link health ---------------------------------------------------------------------------------

  public apply(event: LinkEvent): void {
    this.health = reduceLinkHealth(this.health, event);
  }

  /**
   * The wall clock may have been set back (NTP, the user, a VM resume): nothing kept may lie in its future, or
   * an accepted command would replay until the old time comes round and a Retry-After would last an hour. The
   * policy clamps `lastCommandAt` too, but it is stateless: only this clamp stops "confirm in 700 ms" repeating.
   */
  public noteClock(): void {
    const now = this.deps.clock.now();
    this.apply({ kind: 'clock-seen', now });
    for (const entry of this.pending) if (entry.settledAt !== null && entry.settledAt > now) entry.settledAt = now;
    if (this.lastCommandAt !== null && this.lastCommandAt > now) this.lastCommandAt = now;
  }

  /** Bookkeeping any answer may carry: Retry-After, quota, Premium. */
  public notePushback(error: SpotifyError): void {
    if (error.kind !== 'rate_limited' && error.kind !== 'quota_exceeded' && error.kind !== 'premium_required') return;
    const before = this.health;
    this.apply({ kind: 'pushback', error, at: this.deps.clock.now() });
    if (error.kind === 'rate_limited') this.deps.logger?.warn('rate limited', { retryAfterMs: error.retryAfterMs });
    if (error.kind === 'quota_exceeded') this.deps.logger?.warn('quota exceeded');
    if (before === this.health) return;
    if (error.kind !== 'premium_required') this.deps.replan();
    this.emit();
  }

  /** Refusals decided without a request: signed out, read-only, app refused, inside Retry-After. */
  public gate(premiumOnly: boolean): Result<never> | null {
    this.noteClock();
    const h = this.health;
    if (!h.signedIn) return err('not_signed_in', SIGNED_OUT_REASON);
    if (premiumOnly && h.readOnlyReason !== null) return err('read_only', h.readOnlyReason);
    if (h.blockedMessage !== null) {
      // A command would only get a vaguer 403; one state read instead tells whether the block is lifted.
      this.apply({ kind: 'probe-block' });
      this.deps.replan();
      return err('app_not_authorized', h.blockedMessage);
    }
    if (h.rateLimitedUntil !== null && this.deps.clock.now() < h.rateLimitedUntil) {
      return err('rate_limited', 'Spotify asked Trayplay to slow down; try again shortly.', { retryAt: h.rateLimitedUntil });
    }
    return null;
  }

  /** What the refresh policy is given, for the state `shown`. */
  public policyInput(shown: NowPlaying, now: number): RefreshPolicyInput {
    const h = this.health;
    const isPlaying = (shown.kind === 'item' || shown.kind === 'ad' || shown.kind === 'private') && shown.isPlaying;
    const expectedEndAt =
      shown.kind === 'item' && shown.isPlaying && shown.item.durationMs > 0 ? shown.observedAt + shown.item.durationMs - shown.progressMs : null;
    return {
      now,
      visibility: this.visibility,
      signedIn: h.signedIn,
      lastFetchAt: h.lastFetchAt,
      isPlaying,
      expectedEndAt,
      lastCommandAt: this.lastCommandAt,
      rateLimitedUntil: h.rateLimitedUntil,
      quotaExceededAt: h.quotaExceededAt,
      failures: h.failures,
      wakeRequested: wakePending(h),
      localHints: this.localHints,
    };
  }

  // ---- state out -----------------------------------------------------------------------------------

  public setObserved(observed: NowPlaying): void {
    this.observed = observed;
    this.emit();
  }

  public dropPending(entry: PendingCommand, emit = true): void {
    const before = this.pending.length;
    this.pending = this.pending.filter((p) => p.id !== entry.id);
    if (before !== this.pending.length && emit) this.emit();
  }

  public getState(): PlaybackState {
    return this.state;
  }

  public onChange(listener: () => void): () => void {
    return this.changes.on(listener);
  }

  /** Recomputes the state and tells the listeners if it changed. */
  public emit(): void {
    const next = this.compute();
    const json = JSON.stringify(next);
    if (json === this.stateJson) return;
    this.state = next;
    this.stateJson = json;
    this.changes.emit();
  }

  private compute(): PlaybackState {
    const h = this.health;
    const controls: Controls = !h.signedIn
      ? { readOnly: true, readOnlyReason: SIGNED_OUT_REASON }
      : { readOnly: h.readOnlyReason !== null, readOnlyReason: h.readOnlyReason };
    const now = this.deps.clock.now();
    const nowPlaying = withPending(this.observed, this.pending, now);
    const notice = playbackNotice({
      signedIn: h.signedIn,
      observed: this.observed,
      rateLimitedUntil: h.rateLimitedUntil,
      quotaExceededAt: h.quotaExceededAt,
      failures: h.failures,
      lastFailure: h.lastFailure,
      // The same plan the observer arms its timer with once this state is out.
      nextFetchAt: nextFetchAt(this.policyInput(nowPlaying, now)).at,
      lastGoodAt: h.lastGoodAt,
    });
    return { nowPlaying, controls, notice };
  }
}
