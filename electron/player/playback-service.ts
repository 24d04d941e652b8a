import { err, ok, type Result } from '../../shared/result';
import type { Controls, Device, NowPlaying, PlaybackState } from '../../shared/state/now-playing';
import type { PlaybackFacade } from '../core/facades';
import type { Logger } from '../logging/logger';
import type { AccessTokenSource } from '../ports/access-token';
import type { Clock, TimerHandle } from '../ports/clock';
import { toAppError, type SpotifyError } from '../spotify/api-errors';
import { likeableUri, toDevice, toDeviceChoices, toNowPlaying } from '../spotify/mappers';
import type { ApiResult } from '../spotify/web-api-client';

import { CommandQueue, type Coalescing } from './command-queue';
import type { PlayerApi } from './player-api';
import { laneOf, needsPremium, NEXT_REPEAT, type CommandLane, type PlayerCommand } from './commands';
import { planRecovery } from './device-recovery';
import { LikedCache } from './liked-cache';
import { playbackNotice } from './notice';
import { unconfirmed, withPending, type PendingCommand } from './optimistic';
import { nextFetchAt, POLICY, retryDelayMs, type RefreshPlan, type RefreshPolicyInput, type Visibility } from './refresh-policy';

export interface PlaybackServiceDeps {
  readonly api: PlayerApi;
  /** Asked before each fetch only to know whether anyone is signed in (`not_signed_in` ⇒ no requests). */
  readonly tokens: AccessTokenSource;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Default 'tray'. */
  readonly visibility?: Visibility;
  /** Waiting presses per sequence lane (next/previous) beyond the one in flight; default 4. */
  readonly maxQueuedSkips?: number;
}

/** Why `wake` was called. Only a window being shown counts as the user acting (it lifts the quota backoff). */
export type WakeCause = 'window-shown' | 'resume' | 'online' | 'auth-changed' | 'local-hint';

const PREMIUM_REASON = 'Controlling playback needs Spotify Premium. Now playing still works.';
const SIGNED_OUT_REASON = 'Sign in to Spotify to use the controls.';
/** Transient failures in a row before the display says so (until then the last state keeps showing). */
const FAILURES_BEFORE_UNAVAILABLE = 3;

/**
 * The playback engine: knows what is playing (observations from `/me/player`, fetched when the refresh
 * policy says so, with one timer at a time) and carries out commands (optimistic at once, serialized per
 * kind, rolled back on failure, confirmed by a fetch shortly after).
 */
export class PlaybackService implements PlaybackFacade {
  private readonly api: PlayerApi;
  private readonly clock: Clock;
  private readonly log: Logger | undefined;
  private readonly liked = new LikedCache();
  private readonly queue: CommandQueue<CommandLane, Result<null>>;
  private readonly listeners = new Set<() => void>();

  private observed: NowPlaying = { kind: 'unavailable', reason: 'loading', message: 'Looking for Spotify…', retryAt: null };
  private pending: PendingCommand[] = [];
  private nextPendingId = 1;
  private state: PlaybackState;
  private stateJson: string;

  private visibility: Visibility;
  private started = false;
  private signedIn = true;
  private readOnlyReason: string | null = null;
  private fetching = false;
  private lastFetchAt: number | null = null;
  private lastCommandAt: number | null = null;
  private rateLimitedUntil: number | null = null;
  private quotaExceededAt: number | null = null;
  private failures = 0;
  /** What the last failed read was, for the notice. */
  private lastFailure: 'offline' | 'stale' = 'stale';
  /** When the last good observation was asked for: pushback older than it no longer makes the display stale. */
  private lastGoodAt: number | null = null;
  /**
   * Spotify refuses this app outright (user not allow-listed, or the app owner's Premium lapsed): the user must
   * fix it in the dashboard, so polling stops until a window is shown, sign-in changes or a command is tried.
   */
  private blockedMessage: string | null = null;
  /** Bumped when the account changes: answers to requests made for the old account are then dropped. */
  private generation = 0;
  private wakeRequested = false;
  /** The media session says the local Spotify app is the active device and signals its changes. */
  private localHints = false;
  private lastUsedDeviceId: string | null = null;
  private knownDevices: Device[] = [];
  /** The one timer, boxed because a handle may be any value (a number in tests). */
  private timer: { readonly handle: TimerHandle } | null = null;
  private plan: RefreshPlan | null = null;

  public constructor(private readonly deps: PlaybackServiceDeps) {
    this.api = deps.api;
    this.clock = deps.clock;
    this.log = deps.logger;
    this.visibility = deps.visibility ?? 'tray';
    this.queue = new CommandQueue<CommandLane, Result<null>>({
      maxWaiting: deps.maxQueuedSkips ?? 4,
      // A press beyond the cap is absorbed: the skips already queued carry the user's intent.
      whenDropped: () => ok(null),
      whenThrown: (error) => err('internal', error instanceof Error ? error.message : 'Command failed'),
    });
    this.state = this.compute();
    this.stateJson = JSON.stringify(this.state);
  }

  // ---- lifecycle and inputs ------------------------------------------------------------------------

  /** Starts observing: one fetch at once, then as the policy says. */
  public start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule();
  }

  public stop(): void {
    this.started = false;
    this.clearTimer();
  }

  public setVisibility(visibility: Visibility): void {
    if (visibility === this.visibility) return;
    const shown = visibility === 'window' && this.visibility === 'tray';
    this.visibility = visibility;
    if (shown) this.wake('window-shown');
    else this.schedule();
  }

  /** Window shown, system resumed, network back or sign-in changed: look now (unless Retry-After forbids). */
  public wake(cause: WakeCause): void {
    this.wakeRequested = true;
    if (cause === 'window-shown') this.quotaExceededAt = null;
    if (cause === 'window-shown' || cause === 'auth-changed') this.blockedMessage = null;
    if (cause === 'auth-changed') {
      this.signedIn = true;
      this.readOnlyReason = null;
    }
    this.schedule();
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
      this.schedule();
      return;
    }
    this.signedIn = true;
    this.readOnlyReason = null;
    this.rateLimitedUntil = null;
    this.quotaExceededAt = null;
    this.blockedMessage = null;
    this.failures = 0;
    this.setObserved({ kind: 'unavailable', reason: 'loading', message: 'Looking for Spotify…', retryAt: null });
    this.wake('auth-changed');
  }

  /**
   * The Spotify app on this computer is (or stops being) the active device with its MPRIS signals followed:
   * each of its changes wakes the engine (`wake('local-hint')`), so the policy polls only as a safety net.
   */
  public setLocalHints(trusted: boolean): void {
    if (trusted === this.localHints) return;
    this.localHints = trusted;
    this.schedule();
  }

  /** The plan the one timer is set for (tests, diagnostics). */
  public currentPlan(): RefreshPlan | null {
    return this.plan;
  }

  // ---- PlaybackFacade: state -----------------------------------------------------------------------

  public getState(): PlaybackState {
    return this.state;
  }

  public onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- PlaybackFacade: commands --------------------------------------------------------------------

  public togglePlay(): Promise<Result<null>> {
    const shown = this.state.nowPlaying;
    const playing = (shown.kind === 'item' || shown.kind === 'ad' || shown.kind === 'private') && shown.isPlaying;
    return this.execute(playing ? { kind: 'pause' } : { kind: 'play' }, 'latest');
  }

  public next(): Promise<Result<null>> {
    return this.execute({ kind: 'next' }, 'sequence');
  }

  public previous(): Promise<Result<null>> {
    return this.execute({ kind: 'previous' }, 'sequence');
  }

  public seek(positionMs: number): Promise<Result<null>> {
    return this.execute({ kind: 'seek', positionMs: Math.max(0, Math.round(positionMs)) }, 'latest');
  }

  public setVolume(percent: number): Promise<Result<null>> {
    return this.execute({ kind: 'volume', percent: Math.min(100, Math.max(0, Math.round(percent))) }, 'latest');
  }

  public setShuffle(on: boolean): Promise<Result<null>> {
    return this.execute({ kind: 'shuffle', on }, 'latest');
  }

  public cycleRepeat(): Promise<Result<null>> {
    const shown = this.state.nowPlaying;
    const current = shown.kind === 'item' ? shown.repeat : 'off';
    return this.execute({ kind: 'repeat', mode: NEXT_REPEAT[current] }, 'latest');
  }

  public setLiked(liked: boolean): Promise<Result<null>> {
    const uri = likeableUri(this.state.nowPlaying);
    if (uri === null) return Promise.resolve(err('restricted', 'Only Spotify tracks can be added to Liked Songs.'));
    return this.execute({ kind: 'like', uri, liked }, 'latest');
  }

  public transfer(deviceId: string, play?: boolean): Promise<Result<null>> {
    const device = this.knownDevices.find((d) => d.id === deviceId) ?? null;
    return this.execute(play === undefined ? { kind: 'transfer', deviceId, device } : { kind: 'transfer', deviceId, device, play }, 'latest');
  }

  public async listDevices(): Promise<Result<Device[]>> {
    const gate = this.gate(false);
    if (gate) return gate;
    const generation = this.generation;
    const result = await this.api.getDevices();
    // The account changed meanwhile: the old account's devices are not the new one's; ask again.
    if (generation !== this.generation) return this.listDevices();
    if (!result.ok) {
      this.noteError(result.error);
      return toAppError(result.error);
    }
    this.knownDevices = result.value.map(toDevice);
    return ok(this.knownDevices);
  }

  // ---- commands: internals -------------------------------------------------------------------------

  /** Refusals decided without a request: signed out, read-only, inside Retry-After, volume not supported. */
  private gate(premiumOnly: boolean): Result<never> | null {
    if (!this.signedIn) return err('not_signed_in', SIGNED_OUT_REASON);
    if (premiumOnly && this.readOnlyReason !== null) return err('read_only', this.readOnlyReason);
    if (this.blockedMessage !== null) {
      // A command would only get a vaguer 403; one state read instead tells whether the block is lifted.
      this.wakeRequested = true;
      this.schedule();
      return err('app_not_authorized', this.blockedMessage);
    }
    const now = this.clock.now();
    if (this.rateLimitedUntil !== null && now < this.rateLimitedUntil) {
      return err('rate_limited', 'Spotify asked Trayplay to slow down; try again shortly.', { retryAt: this.rateLimitedUntil });
    }
    return null;
  }

  private execute(command: PlayerCommand, coalescing: Coalescing): Promise<Result<null>> {
    const refused = this.gate(needsPremium(command));
    if (refused) return Promise.resolve(refused);
    // The user acting lifts the quota backoff: this command is the probe.
    this.quotaExceededAt = null;
    if (command.kind === 'volume') {
      const shown = this.state.nowPlaying;
      if ((shown.kind === 'item' || shown.kind === 'private') && !shown.device.supportsVolume) {
        return Promise.resolve(err('volume_not_controllable', 'This device does not let apps change its volume.'));
      }
    }
    const entry: PendingCommand = { id: this.nextPendingId++, command, issuedAt: this.clock.now(), settledAt: null };
    this.pending.push(entry);
    this.emit();
    return this.queue.enqueue(laneOf(command), coalescing, {
      // The client answers with data; should a send ever reject, its optimistic effect must not stay for good.
      run: () =>
        this.send(entry).catch((cause: unknown) => {
          this.dropPending(entry);
          this.log?.error('command failed unexpectedly', { command: entry.command.kind, error: cause instanceof Error ? cause.message : 'unknown' });
          return err('internal', 'Trayplay could not send that to Spotify.');
        }),
      onSkipped: () => this.dropPending(entry),
    });
  }

  private async send(entry: PendingCommand): Promise<Result<null>> {
    // Queued behind a command that hit a 429 or a Premium wall: do not send.
    const refused = this.gate(needsPremium(entry.command));
    if (refused) {
      this.dropPending(entry);
      return refused;
    }
    const generation = this.generation;
    let result = await this.call(entry.command);
    if (generation !== this.generation) return stale(result);
    if (!result.ok && result.error.kind === 'no_active_device') {
      const recovered = await this.recoverDevice(entry.command, generation);
      if (generation !== this.generation) return recovered.ok ? stale(recovered.value) : recovered;
      if (!recovered.ok) {
        this.dropPending(entry);
        return recovered;
      }
      result = recovered.value;
    }
    if (!result.ok && isAlreadyThere(entry.command, result.error)) result = { ok: true, value: null };
    if (result.ok) {
      const now = this.clock.now();
      entry.settledAt = now;
      const { command } = entry;
      // A newer accepted command of a kind supersedes older accepted ones: the list stays short even when
      // no confirming fetch can run (Retry-After), so replaying it stays cheap.
      const lane = laneOf(command);
      this.pending = this.pending.filter((p) => p === entry || p.settledAt === null || laneOf(p.command) !== lane);
      if (command.kind === 'like') {
        // Like/unlike does not show in /me/player: its 200 is the confirmation, no fetch needed.
        this.liked.set(command.uri, command.liked, now);
        if (this.observed.kind === 'item' && this.observed.item.uri === command.uri) this.observed = { ...this.observed, liked: command.liked };
        this.dropPending(entry, false);
      } else {
        this.lastCommandAt = now;
      }
      if (command.kind === 'transfer') this.lastUsedDeviceId = command.deviceId;
      this.emit();
      this.schedule();
      return ok(null);
    }
    this.noteError(result.error);
    this.dropPending(entry);
    this.log?.info('command failed', { command: entry.command.kind, error: result.error.kind });
    return toAppError(result.error);
  }

  private call(command: PlayerCommand, deviceId?: string): Promise<ApiResult<null>> {
    switch (command.kind) {
      case 'play':
        return this.api.play(deviceId);
      case 'pause':
        return this.api.pause(deviceId);
      case 'next':
        return this.api.next(deviceId);
      case 'previous':
        return this.api.previous(deviceId);
      case 'seek':
        return this.api.seek(command.positionMs, deviceId);
      case 'volume':
        return this.api.setVolume(command.percent, deviceId);
      case 'shuffle':
        return this.api.setShuffle(command.on, deviceId);
      case 'repeat':
        return this.api.setRepeat(command.mode, deviceId);
      case 'like':
        return command.liked ? this.api.saveToLibrary([command.uri]) : this.api.removeFromLibrary([command.uri]);
      case 'transfer':
        return this.api.transfer(command.deviceId, command.play);
    }
  }

  /**
   * NO_ACTIVE_DEVICE: wake the last-used or the only device (transfer, then the command once, aimed at it);
   * otherwise hand the device list to the user. Returns the retried command's result, or the error to show.
   */
  private async recoverDevice(command: PlayerCommand, generation: number): Promise<Result<ApiResult<null>>> {
    const listed = await this.api.getDevices();
    // Nothing may be sent for a new account on the strength of the old one's device list.
    if (generation !== this.generation) return toAppError({ kind: 'no_active_device' });
    if (!listed.ok) {
      this.noteError(listed.error);
      return toAppError(listed.error);
    }
    this.knownDevices = listed.value.map(toDevice);
    const plan = planRecovery(this.knownDevices, this.lastUsedDeviceId);
    if (plan.kind === 'ask-user') {
      return err('no_active_device', 'No Spotify device is active. Pick one to play on.', {
        devices: toDeviceChoices(plan.devices),
      });
    }
    // The user picked the device: recovery goes there (once it is listed), never to another one.
    if (command.kind === 'transfer') return ok(await this.api.transfer(command.deviceId, command.play));
    this.log?.info('no active device: waking one', { why: plan.why });
    // Play resumes as part of the transfer; other commands follow it, aimed at the woken device.
    const transferred = await this.api.transfer(plan.deviceId, command.kind === 'play');
    if (generation !== this.generation) return ok(transferred);
    if (!transferred.ok) return ok(transferred);
    this.lastUsedDeviceId = plan.deviceId;
    if (command.kind === 'play') return ok(transferred);
    return ok(await this.call(command, plan.deviceId));
  }

  private dropPending(entry: PendingCommand, emit = true): void {
    const before = this.pending.length;
    this.pending = this.pending.filter((p) => p.id !== entry.id);
    if (before !== this.pending.length && emit) this.emit();
  }

  // ---- observing -----------------------------------------------------------------------------------

  /** Reads `/me/player` now (the timer calls this; tests may too). */
  public async refresh(): Promise<void> {
    if (this.fetching) return;
    this.fetching = true;
    this.clearTimer();
    try {
      await this.fetchOnce();
    } catch (cause) {
      // Everything below answers with data; a throw is a bug, but it must not stop the display or the timer.
      this.failures += 1;
      this.lastFailure = 'stale';
      this.log?.error('playback read failed unexpectedly', { error: cause instanceof Error ? cause.message : String(cause) });
      this.showFailure('error', 'Trayplay could not read the playback state.');
      this.emit();
    } finally {
      this.fetching = false;
      this.schedule();
    }
  }

  private async fetchOnce(): Promise<void> {
    const generation = this.generation;
    const token = await this.deps.tokens.getAccessToken();
    if (generation !== this.generation) return;
    if (!token.ok) {
      if (token.error.code === 'not_signed_in') {
        this.becomeSignedOut();
        return;
      }
      // The wake was answered by this attempt: from here the backoff decides, not a 1 Hz loop.
      this.wakeRequested = false;
      this.failures += 1;
      this.lastFailure = 'stale';
      this.lastFetchAt = this.clock.now();
      this.showFailure('error', token.error.message);
      this.emit();
      return;
    }
    if (!this.signedIn) this.signedIn = true;
    const now = this.clock.now();
    if (this.rateLimitedUntil !== null && now < this.rateLimitedUntil) return;
    this.lastFetchAt = now;
    this.wakeRequested = false;
    const result = await this.api.getPlaybackState();
    if (generation !== this.generation) return;
    if (!result.ok) {
      this.onReadError(result.error);
      // The notice may have changed even where the shown state did not (a blip keeps the last state).
      this.emit();
      return;
    }
    this.failures = 0;
    this.quotaExceededAt = null;
    this.blockedMessage = null;
    this.lastGoodAt = now;
    const { state, observedAt, startedAt } = result.value;
    let observed = toNowPlaying(state, observedAt, null);
    const uri = likeableUri(observed);
    if (uri !== null && observed.kind === 'item') observed = { ...observed, liked: this.liked.get(uri) };
    if ((observed.kind === 'item' || observed.kind === 'private') && observed.device.id !== null) this.lastUsedDeviceId = observed.device.id;
    this.observed = observed;
    this.pending = unconfirmed(this.pending, startedAt, POLICY.confirmDelayMs);
    this.emit();
    if (uri !== null) this.lookUpLiked(uri);
  }

  private lookUpLiked(uri: string): void {
    // The heart is only visible in a window: with only the tray, liked stays unknown (null) and costs nothing.
    if (this.visibility !== 'window' || this.gate(false) || !this.liked.beginLookup(uri, this.clock.now())) return;
    const generation = this.generation;
    const lookup = this.api.libraryContains([uri]).then((result) => {
      if (generation !== this.generation) return;
      if (!result.ok) this.noteError(result.error);
      this.liked.endLookup(uri, result.ok ? (result.value[0] ?? null) : null, this.clock.now());
      // The cache knows whether a like made while the lookup was out is newer than its answer.
      const liked = this.liked.get(uri);
      if (liked !== null && this.observed.kind === 'item' && this.observed.item.uri === uri && this.observed.liked !== liked) {
        this.observed = { ...this.observed, liked };
        this.emit();
      }
    });
    // The client answers with data; should it ever reject, the heart must not wait for good.
    lookup.catch(() => this.liked.endLookup(uri, null, this.clock.now()));
  }

  private onReadError(error: SpotifyError): void {
    this.noteError(error);
    switch (error.kind) {
      case 'rate_limited':
        // Playback goes on without us: keep showing (and interpolating) what we know.
        if (this.observed.kind === 'unavailable') {
          this.setObserved({ kind: 'unavailable', reason: 'rateLimited', message: toAppError(error).error.message, retryAt: error.retryAt });
        }
        return;
      case 'quota_exceeded':
        // As with Retry-After, keep showing what we know (the notice says it may be stale).
        if (this.observed.kind !== 'unavailable') return;
        this.setObserved({
          kind: 'unavailable',
          reason: 'quotaExceeded',
          message: "The Spotify API quota of this Client ID is used up. Trayplay will look again later, or when you open it.",
          retryAt: this.clock.now() + POLICY.quotaBackoffMs,
        });
        return;
      case 'network':
      case 'timeout':
        this.failures += 1;
        this.lastFailure = 'offline';
        this.showFailure('offline', toAppError(error).error.message);
        return;
      case 'app_not_authorized': {
        // Not a blip: nothing will change until the user fixes the app in Spotify's dashboard.
        const { message } = toAppError(error).error;
        this.blockedMessage = message;
        this.setObserved({ kind: 'unavailable', reason: 'error', message, retryAt: null });
        return;
      }
      case 'unauthorized':
      case 'premium_required':
      case 'no_active_device':
      case 'volume_not_controllable':
      case 'restricted':
      case 'not_found':
      case 'bad_request':
      case 'server':
      case 'invalid_response':
        this.failures += 1;
        this.lastFailure = 'stale';
        this.showFailure('error', toAppError(error).error.message);
        return;
    }
  }

  /** Bookkeeping any answer may carry: Retry-After, quota, Premium. */
  private noteError(error: SpotifyError): void {
    if (error.kind === 'rate_limited') {
      this.rateLimitedUntil = Math.max(this.rateLimitedUntil ?? 0, error.retryAt);
      this.log?.warn('rate limited', { retryAfterMs: error.retryAfterMs });
      this.schedule();
      this.emit();
    } else if (error.kind === 'quota_exceeded') {
      this.quotaExceededAt = this.clock.now();
      this.log?.warn('quota exceeded');
      this.schedule();
      this.emit();
    } else if (error.kind === 'premium_required' && this.readOnlyReason === null) {
      this.readOnlyReason = PREMIUM_REASON;
      this.emit();
    }
  }

  private showFailure(reason: 'offline' | 'error', message: string): void {
    // A blip keeps the last state on screen; only a run of failures (or having nothing yet) replaces it.
    if (this.failures < FAILURES_BEFORE_UNAVAILABLE && this.observed.kind !== 'unavailable') return;
    const lastFetch = this.lastFetchAt ?? this.clock.now();
    const retryAt = lastFetch + retryDelayMs(this.failures);
    this.setObserved({ kind: 'unavailable', reason, message, retryAt });
  }

  private becomeSignedOut(): void {
    this.signedIn = false;
    this.pending = [];
    this.readOnlyReason = null;
    this.rateLimitedUntil = null;
    this.quotaExceededAt = null;
    this.blockedMessage = null;
    this.failures = 0;
    this.liked.clear();
    this.setObserved({ kind: 'unavailable', reason: 'signedOut', message: 'Not signed in to Spotify.', retryAt: null });
  }

  private setObserved(observed: NowPlaying): void {
    this.observed = observed;
    this.emit();
  }

  // ---- scheduling ----------------------------------------------------------------------------------

  /** Re-plans the one timer from the policy. While a fetch is in flight, the fetch re-plans when it ends. */
  private schedule(): void {
    if (!this.started || this.fetching) return;
    if (this.blockedMessage !== null && !this.wakeRequested) {
      this.clearTimer();
      this.plan = null;
      return;
    }
    const now = this.clock.now();
    const plan = nextFetchAt(this.policyInput(this.state.nowPlaying, now));
    if (this.plan && plan.at === this.plan.at && this.timer !== null) return;
    this.clearTimer();
    this.plan = plan;
    // A shown notice promises when the next look is: keep it true when the plan moves (a wake, a command).
    if (this.state.notice !== null) this.emit();
    if (plan.at === null) return;
    this.timer = {
      handle: this.clock.setTimeout(() => {
        this.timer = null;
        void this.refresh();
      }, plan.at - now),
    };
  }

  private policyInput(shown: NowPlaying, now: number): RefreshPolicyInput {
    const isPlaying = (shown.kind === 'item' || shown.kind === 'ad' || shown.kind === 'private') && shown.isPlaying;
    const expectedEndAt =
      shown.kind === 'item' && shown.isPlaying && shown.item.durationMs > 0
        ? shown.observedAt + shown.item.durationMs - shown.progressMs
        : null;
    return {
      now,
      visibility: this.visibility,
      signedIn: this.signedIn,
      lastFetchAt: this.lastFetchAt,
      isPlaying,
      expectedEndAt,
      lastCommandAt: this.lastCommandAt,
      rateLimitedUntil: this.rateLimitedUntil,
      quotaExceededAt: this.quotaExceededAt,
      failures: this.failures,
      wakeRequested: this.wakeRequested,
      localHints: this.localHints,
    };
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer.handle);
    this.timer = null;
  }

  // ---- state out -----------------------------------------------------------------------------------

  private compute(): PlaybackState {
    const controls: Controls = !this.signedIn
      ? { readOnly: true, readOnlyReason: SIGNED_OUT_REASON }
      : { readOnly: this.readOnlyReason !== null, readOnlyReason: this.readOnlyReason };
    const now = this.clock.now();
    const nowPlaying = withPending(this.observed, this.pending, now);
    const notice = playbackNotice({
      signedIn: this.signedIn,
      observed: this.observed,
      rateLimitedUntil: this.rateLimitedUntil,
      quotaExceededAt: this.quotaExceededAt,
      failures: this.failures,
      lastFailure: this.lastFailure,
      // The same plan `schedule` arms the timer with once this state is out.
      nextFetchAt: nextFetchAt(this.policyInput(nowPlaying, now)).at,
      lastGoodAt: this.lastGoodAt,
    });
    return { nowPlaying, controls, notice };
  }

  private emit(): void {
    const next = this.compute();
    const json = JSON.stringify(next);
    if (json === this.stateJson) return;
    this.state = next;
    this.stateJson = json;
    for (const listener of this.listeners) listener();
  }
}

/** Play answered ALREADY_PLAYING (or pause ALREADY_PAUSED): what the user wanted is already true. */
function isAlreadyThere(command: PlayerCommand, error: SpotifyError): boolean {
  if (error.kind !== 'restricted') return false;
  return (command.kind === 'play' && error.reason === 'ALREADY_PLAYING') || (command.kind === 'pause' && error.reason === 'ALREADY_PAUSED');
}

/** The caller still gets its answer after an account change, but nothing about the old account is kept. */
function stale(result: ApiResult<null>): Result<null> {
  return result.ok ? ok(null) : toAppError(result.error);
}
export type { PlayerApi } from './player-api';
