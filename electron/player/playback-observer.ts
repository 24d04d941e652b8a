import type { Logger } from '../logging/logger';
import type { AccessTokenSource } from '../ports/access-token';
import type { Clock, TimerHandle } from '../ports/clock';
import { toAppError, type SpotifyError } from '../spotify/api-errors';
import { likeableUri, toNowPlaying } from '../spotify/mappers';
import type { PlaybackSnapshot } from '../spotify/web-api-client';

import { unconfirmed } from './optimistic';
import type { PlayerApi } from './player-api';
import { wakePending } from './link-health';
import type { PlaybackSession } from './playback-session';
import { nextFetchAt, POLICY, retryDelayMs, type RefreshPlan } from './refresh-policy';

/** Transient failures in a row before the display says so (until then the last state keeps showing). */
const FAILURES_BEFORE_UNAVAILABLE = 3;

/**
 * Knows what is playing: reads `/me/player` when the refresh policy says so (one timer at a time), reconciles
 * each observation with the commands not yet confirmed, and looks up whether the shown track is liked.
 */
export class PlaybackObserver {
  private started = false;
  private fetching = false;
  /** The one timer, boxed because a handle may be any value (a number in tests). */
  private timer: { readonly handle: TimerHandle } | null = null;
  private plan: RefreshPlan | null = null;

  public constructor(
    private readonly session: PlaybackSession,
    private readonly deps: { readonly api: PlayerApi; readonly tokens: AccessTokenSource; readonly clock: Clock; readonly logger: Logger | undefined },
  ) {}

  public start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule();
  }

  public stop(): void {
    this.started = false;
    this.clearTimer();
  }

  public currentPlan(): RefreshPlan | null {
    return this.plan;
  }

  /** Reads `/me/player` now (the timer calls this; tests may too). */
  public async refresh(): Promise<void> {
    if (this.fetching) return;
    this.fetching = true;
    this.clearTimer();
    try {
      await this.fetchOnce();
    } catch (cause) {
      // Everything below answers with data; a throw is a bug, but it must not stop the display or the timer.
      this.session.apply({ kind: 'read-threw' });
      this.deps.logger?.error('playback read failed unexpectedly', { error: cause instanceof Error ? cause.message : String(cause) });
      this.showFailure('error', 'Trayplay could not read the playback state.');
      this.session.emit();
    } finally {
      this.fetching = false;
      this.schedule();
    }
  }

  /** Re-plans the one timer from the policy. While a fetch is in flight, the fetch re-plans when it ends. */
  public schedule(): void {
    if (!this.started || this.fetching) return;
    const s = this.session;
    s.noteClock();
    if (s.health.blockedMessage !== null && !wakePending(s.health)) {
      this.clearTimer();
      this.plan = null;
      return;
    }
    const now = this.deps.clock.now();
    const plan = nextFetchAt(s.policyInput(s.getState().nowPlaying, now));
    if (this.plan && plan.at === this.plan.at && this.timer !== null) return;
    this.clearTimer();
    this.plan = plan;
    // A shown notice promises when the next look is: keep it true when the plan moves (a wake, a command).
    if (s.getState().notice !== null) s.emit();
    if (plan.at === null) return;
    this.timer = {
      handle: this.deps.clock.setTimeout(() => {
        this.timer = null;
        void this.refresh();
      }, plan.at - now),
    };
  }

  private async fetchOnce(): Promise<void> {
    const s = this.session;
    const ticket = s.ticket();
    // The wakes this attempt answers if the token fails; later ones are served after it.
    const { wakeSeq } = s.health;
    const token = await this.deps.tokens.getAccessToken();
    if (!s.isCurrent(ticket)) return;
    if (!token.ok) {
      if (token.error.code === 'not_signed_in') {
        s.becomeSignedOut();
        return;
      }
      // A refresh that cannot reach Spotify is the network being down, as a read that cannot would be.
      const offline = token.error.code === 'network';
      s.apply({ kind: 'token-failed', at: this.deps.clock.now(), wakeSeq, offline });
      this.showFailure(offline ? 'offline' : 'error', token.error.message);
      s.emit();
      return;
    }
    s.apply({ kind: 'token-ok' });
    s.noteClock();
    const now = this.deps.clock.now();
    if (s.health.rateLimitedUntil !== null && now < s.health.rateLimitedUntil) return;
    s.apply({ kind: 'read-sent', at: now });
    const result = await this.deps.api.getPlaybackState();
    if (!s.isCurrent(ticket)) return;
    if (!result.ok) {
      this.onReadError(result.error);
      // The notice may have changed even where the shown state did not (a blip keeps the last state).
      s.emit();
      return;
    }
    s.apply({ kind: 'read-ok', startedAt: now });
    this.reconcile(result.value);
  }

  /** A good observation: it replaces the last one, and confirms the commands it was late enough to see. */
  private reconcile({ state, observedAt, startedAt }: PlaybackSnapshot): void {
    const s = this.session;
    let observed = toNowPlaying(state, observedAt, null);
    const uri = likeableUri(observed);
    if (uri !== null && observed.kind === 'item') observed = { ...observed, liked: s.liked.get(uri) };
    if ((observed.kind === 'item' || observed.kind === 'private') && observed.device.id !== null) s.lastUsedDeviceId = observed.device.id;
    s.observed = observed;
    s.pending = unconfirmed(s.pending, startedAt, POLICY.confirmDelayMs);
    s.emit();
    if (uri !== null) this.lookUpLiked(uri);
  }

  private lookUpLiked(uri: string): void {
    const s = this.session;
    const { clock } = this.deps;
    // The heart is only visible in a window: with only the tray, liked stays unknown (null) and costs nothing.
    if (s.visibility !== 'window' || s.gate(false) || !s.liked.beginLookup(uri, clock.now())) return;
    const ticket = s.ticket();
    const lookup = this.deps.api.libraryContains([uri]).then((result) => {
      if (!s.isCurrent(ticket)) return;
      if (!result.ok) s.notePushback(result.error);
      s.liked.endLookup(uri, result.ok ? (result.value[0] ?? null) : null, clock.now());
      // The cache knows whether a like made while the lookup was out is newer than its answer.
      const liked = s.liked.get(uri);
      if (liked !== null && s.observed.kind === 'item' && s.observed.item.uri === uri && s.observed.liked !== liked) {
        s.setObserved({ ...s.observed, liked });
      }
    });
    // The client answers with data; should it ever reject, the heart must not wait for good. The old
    // account's lookup must not end the new account's lookup of the same track.
    lookup.catch(() => {
      if (s.isCurrent(ticket)) s.liked.endLookup(uri, null, clock.now());
    });
  }

  private onReadError(error: SpotifyError): void {
    const s = this.session;
    const now = this.deps.clock.now();
    // The timer is re-planned when the read ends (`refresh`'s finally).
    s.apply({ kind: 'read-failed', error, at: now });
    if (error.kind === 'rate_limited') this.deps.logger?.warn('rate limited', { retryAfterMs: error.retryAfterMs });
    if (error.kind === 'quota_exceeded') this.deps.logger?.warn('quota exceeded');
    const { message } = toAppError(error).error;
    switch (error.kind) {
      case 'rate_limited':
        // Playback goes on without us: keep showing (and interpolating) what we know.
        if (s.observed.kind === 'unavailable') s.setObserved({ kind: 'unavailable', reason: 'rateLimited', message, retryAt: error.retryAt });
        return;
      case 'quota_exceeded':
        // As with Retry-After, keep showing what we know (the notice says it may be stale).
        if (s.observed.kind !== 'unavailable') return;
        s.setObserved({
          kind: 'unavailable',
          reason: 'quotaExceeded',
          message: 'The Spotify API quota of this Client ID is used up. Trayplay will look again later, or when you open it.',
          retryAt: now + POLICY.quotaBackoffMs,
        });
        return;
      case 'network':
      case 'timeout':
        this.showFailure('offline', message);
        return;
      case 'app_not_authorized':
        s.setObserved({ kind: 'unavailable', reason: 'error', code: 'app_not_authorized', message, retryAt: null });
        return;
      case 'unauthorized':
      case 'premium_required':
      case 'no_active_device':
      case 'volume_not_controllable':
      case 'restricted':
      case 'not_found':
      case 'bad_request':
      case 'server':
      case 'invalid_response':
      case 'session':
        this.showFailure('error', message);
        return;
    }
  }

  private showFailure(reason: 'offline' | 'error', message: string): void {
    const s = this.session;
    const { failures, lastFetchAt } = s.health;
    // A blip keeps the last state on screen; only a run of failures (or having nothing yet) replaces it.
    if (failures < FAILURES_BEFORE_UNAVAILABLE && s.observed.kind !== 'unavailable') return;
    const retryAt = (lastFetchAt ?? this.deps.clock.now()) + retryDelayMs(failures);
    s.setObserved({ kind: 'unavailable', reason, message, retryAt });
  }

  private clearTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer.handle);
    this.timer = null;
  }
}
