import { err, ok, type Result } from '../../shared/result';
import type { NowPlaying } from '../../shared/state/now-playing';
import type { PlaybackFacade } from '../core/facades';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';

import { repeatKindOf, type CommandSource, type ShellCommand } from './shell-command';

export interface ShellWindows {
  showMain(): void;
  toggleMini(): void;
  showMini(): void;
}

export interface DispatchDeps {
  readonly playback: PlaybackFacade;
  readonly windows: ShellWindows;
  readonly clock: Clock;
  readonly log: Logger;
}

/** Percent per volume press, and milliseconds per seek press. */
export const VOLUME_STEP = 5;
export const SEEK_STEP_MS = 10_000;
/**
 * A held key repeats every ~30 ms after a first delay of up to ~660 ms (X11's default). A toggle pressed again
 * within this window of the last press (the repeat included) is the same press: play/pause flipping back and
 * forth, or the mini-player blinking, is never what a held key means.
 */
export const TOGGLE_REPEAT_WINDOW_MS = 700;

/**
 * Turns shell commands into the playback engine's commands and window actions. Steps (volume, seek) are
 * computed from the state the engine shows, which already includes commands in flight, and go through its
 * `latest` coalescing; skips go through its capped `sequence` lanes; toggles absorb key repeat here.
 */
export class CommandDispatcher {
  private readonly lastToggle = new Map<string, number>();

  public constructor(private readonly deps: DispatchDeps) {}

  public dispatch(command: ShellCommand, source: CommandSource): Promise<Result<null>> {
    if (repeatKindOf(command) === 'toggle' && this.isRepeat(command, source)) return Promise.resolve(ok(null));
    let running: Promise<Result<null>>;
    try {
      running = this.run(command);
    } catch (cause) {
      running = Promise.resolve(err('internal', cause instanceof Error ? cause.message : String(cause)));
    }
    return running.then(
      (result) => {
        if (!result.ok) this.deps.log.info('shell command not carried out', { command, source, error: result.error.code });
        return result;
      },
      (cause: unknown) => {
        this.deps.log.error('shell command threw', { command, source, error: cause instanceof Error ? cause.message : String(cause) });
        return err('internal', 'The command failed');
      },
    );
  }

  private isRepeat(command: ShellCommand, source: CommandSource): boolean {
    const key = `${source}:${command}`;
    const now = this.deps.clock.now();
    const last = this.lastToggle.get(key);
    this.lastToggle.set(key, now);
    return last !== undefined && now - last >= 0 && now - last < TOGGLE_REPEAT_WINDOW_MS;
  }

  private run(command: ShellCommand): Promise<Result<null>> {
    const { playback, windows } = this.deps;
    const shown = playback.getState().nowPlaying;
    switch (command) {
      case 'playPause':
        return playback.togglePlay();
      case 'stop':
        // Spotify has no stop: pause, and never start playing from a stop key.
        return isPlaying(shown) ? playback.togglePlay() : Promise.resolve(ok(null));
      case 'next':
        return playback.next();
      case 'previous':
        return playback.previous();
      case 'toggleLike':
        return playback.setLiked(!(shown.kind === 'item' && shown.liked === true));
      case 'like':
        return playback.setLiked(true);
      case 'unlike':
        return playback.setLiked(false);
      case 'volumeUp':
      case 'volumeDown': {
        const percent = volumeOf(shown);
        if (percent === null) return Promise.resolve(err('volume_not_controllable', 'This device does not let apps change its volume.'));
        const step = command === 'volumeUp' ? VOLUME_STEP : -VOLUME_STEP;
        return playback.setVolume(Math.min(100, Math.max(0, percent + step)));
      }
      case 'seekForward':
      case 'seekBackward': {
        if (shown.kind !== 'item') return Promise.resolve(err('restricted', 'Nothing is playing that can be seeked.'));
        const at = positionOf(shown, this.deps.clock.now());
        const target = command === 'seekForward' ? at + SEEK_STEP_MS : at - SEEK_STEP_MS;
        return playback.seek(Math.min(Math.max(0, shown.item.durationMs - 1_000), Math.max(0, target)));
      }
      case 'toggleMini':
        windows.toggleMini();
        return Promise.resolve(ok(null));
      case 'showMini':
        windows.showMini();
        return Promise.resolve(ok(null));
      case 'showMain':
        windows.showMain();
        return Promise.resolve(ok(null));
    }
  }
}

function isPlaying(shown: NowPlaying): boolean {
  return (shown.kind === 'item' || shown.kind === 'ad' || shown.kind === 'private') && shown.isPlaying;
}

function volumeOf(shown: NowPlaying): number | null {
  const device = shown.kind === 'item' || shown.kind === 'private' ? shown.device : shown.kind === 'ad' ? shown.device : null;
  return device && device.supportsVolume ? device.volumePercent : null;
}

/** Where playback is now: the observation moved forward by the time since, while playing. */
export function positionOf(shown: Extract<NowPlaying, { kind: 'item' }>, now: number): number {
  const elapsed = shown.isPlaying ? Math.max(0, now - shown.observedAt) : 0;
  return Math.min(shown.item.durationMs, shown.progressMs + elapsed);
}
