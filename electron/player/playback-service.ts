import { err, type Result } from '../../shared/result';
import type { Device, PlaybackState } from '../../shared/state/now-playing';
import type { PlaybackFacade } from '../core/facades';
import type { Logger } from '../logging/logger';
import type { AccessTokenSource } from '../ports/access-token';
import type { Clock } from '../ports/clock';
import { likeableUri } from '../spotify/mappers';
import { playTargetOf } from '../spotify/spotify-uri';

import { CommandRunner } from './command-runner';
import { NEXT_REPEAT } from './commands';
import type { WakeCause } from './link-health';
import { PlaybackObserver } from './playback-observer';
import { PlaybackSession } from './playback-session';
import type { PlayerApi } from './player-api';
import type { RefreshPlan, Visibility } from './refresh-policy';

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

export type { WakeCause } from './link-health';
export type { PlayerApi } from './player-api';

/**
 * The playback engine, composed: the session (what is known for the signed-in account, and its generation),
 * the observer (reads on the refresh policy's timer, reconciliation, like lookups) and the command runner
 * (optimistic, serialized, rolled back, device recovery). This class only resolves user intents into
 * explicit commands and routes lifecycle inputs.
 */
export class PlaybackService implements PlaybackFacade {
  private readonly session: PlaybackSession;
  private readonly observer: PlaybackObserver;
  private readonly runner: CommandRunner;

  public constructor(deps: PlaybackServiceDeps) {
    const { api, clock, logger } = deps;
    const replan = (): void => this.observer.schedule();
    this.session = new PlaybackSession({ clock, logger, visibility: deps.visibility ?? 'tray', replan });
    this.observer = new PlaybackObserver(this.session, { api, tokens: deps.tokens, clock, logger });
    this.runner = new CommandRunner(this.session, { api, clock, logger, replan, maxQueuedSkips: deps.maxQueuedSkips ?? 4 });
  }

  // ---- lifecycle and inputs ------------------------------------------------------------------------

  /** Starts observing: one fetch at once, then as the policy says. */
  public start(): void {
    this.observer.start();
  }

  public stop(): void {
    this.observer.stop();
  }

  public setVisibility(visibility: Visibility): void {
    const s = this.session;
    if (visibility === s.visibility) return;
    const shown = visibility === 'window' && s.visibility === 'tray';
    s.visibility = visibility;
    if (shown) this.wake('window-shown');
    else this.observer.schedule();
  }

  /** Window shown, system resumed, network back or sign-in changed: look now (unless Retry-After forbids). */
  public wake(cause: WakeCause): void {
    this.session.apply({ kind: 'wake', cause });
    this.observer.schedule();
  }

  /**
   * Signed in, signed out, or another account (demo → the user's own): nothing observed for the old account
   * may show or be replayed for the new one, and a sign-out turns the controls off at once.
   */
  public accountChanged(signedIn: boolean): void {
    this.session.accountChanged(signedIn);
    if (signedIn) this.wake('auth-changed');
    else this.observer.schedule();
  }

  /**
   * The Spotify app on this computer is (or stops being) the active device with its MPRIS signals followed:
   * each of its changes wakes the engine (`wake('local-hint')`), so the policy polls only as a safety net.
   */
  public setLocalHints(trusted: boolean): void {
    if (trusted === this.session.localHints) return;
    this.session.localHints = trusted;
    this.observer.schedule();
  }

  /** The plan the one timer is set for (tests, diagnostics). */
  public currentPlan(): RefreshPlan | null {
    return this.observer.currentPlan();
  }

  /** Reads `/me/player` now (the timer calls this; tests may too). */
  public refresh(): Promise<void> {
    return this.observer.refresh();
  }

  // ---- PlaybackFacade: state -----------------------------------------------------------------------

  public getState(): PlaybackState {
    return this.session.getState();
  }

  public onChange(listener: () => void): () => void {
    return this.session.onChange(listener);
  }

  // ---- PlaybackFacade: commands --------------------------------------------------------------------

  public togglePlay(): Promise<Result<null>> {
    const shown = this.getState().nowPlaying;
    const playing = (shown.kind === 'item' || shown.kind === 'ad' || shown.kind === 'private') && shown.isPlaying;
    return this.runner.execute(playing ? { kind: 'pause' } : { kind: 'play' }, 'latest');
  }

  /** Plays a canonical Spotify URI (`spotify:track|episode|album|playlist|artist|show:<id>`), e.g. MPRIS OpenUri. */
  public playUri(uri: string): Promise<Result<null>> {
    const target = playTargetOf(uri);
    if (target === null) return Promise.resolve(err('invalid_payload', 'Trayplay can only play Spotify track, episode, album, playlist, artist or show URIs.'));
    return this.runner.execute({ kind: 'open', uri, target }, 'latest');
  }

  public next(): Promise<Result<null>> {
    return this.runner.execute({ kind: 'next' }, 'sequence');
  }

  public previous(): Promise<Result<null>> {
    return this.runner.execute({ kind: 'previous' }, 'sequence');
  }

  public seek(positionMs: number): Promise<Result<null>> {
    return this.runner.execute({ kind: 'seek', positionMs: Math.max(0, Math.round(positionMs)) }, 'latest');
  }

  public setVolume(percent: number): Promise<Result<null>> {
    return this.runner.execute({ kind: 'volume', percent: Math.min(100, Math.max(0, Math.round(percent))) }, 'latest');
  }

  public setShuffle(on: boolean): Promise<Result<null>> {
    return this.runner.execute({ kind: 'shuffle', on }, 'latest');
  }

  public cycleRepeat(): Promise<Result<null>> {
    const shown = this.getState().nowPlaying;
    const current = shown.kind === 'item' ? shown.repeat : 'off';
    return this.runner.execute({ kind: 'repeat', mode: NEXT_REPEAT[current] }, 'latest');
  }

  public setLiked(liked: boolean): Promise<Result<null>> {
    const uri = likeableUri(this.getState().nowPlaying);
    if (uri === null) return Promise.resolve(err('restricted', 'Only Spotify tracks can be added to Liked Songs.'));
    return this.runner.execute({ kind: 'like', uri, liked }, 'latest');
  }

  public transfer(deviceId: string, play?: boolean): Promise<Result<null>> {
    const device = this.session.knownDevices.find((d) => d.id === deviceId) ?? null;
    return this.runner.execute(play === undefined ? { kind: 'transfer', deviceId, device } : { kind: 'transfer', deviceId, device, play }, 'latest');
  }

  public listDevices(): Promise<Result<Device[]>> {
    return this.runner.listDevices();
  }
}
