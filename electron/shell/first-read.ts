import type { PlaybackFacade } from '../core/facades';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';

import type { CommandSource, ShellCommand } from './shell-command';

/**
 * Calls `then` once, when the playback engine's first read has settled — any state but `loading`, a failed
 * read included — or after `maxWaitMs` if it never answers. A cold-start play/pause run before that would
 * toggle from "nothing known" and send `play` to music already playing. Returns a cancel.
 */
export function whenFirstReadSettles(
  playback: Pick<PlaybackFacade, 'getState' | 'onChange'>,
  clock: Clock,
  maxWaitMs: number,
  then: (how: 'settled' | 'timedOut') => void,
): () => void {
  const loading = (): boolean => {
    const shown = playback.getState().nowPlaying;
    return shown.kind === 'unavailable' && shown.reason === 'loading';
  };
  if (!loading()) {
    then('settled');
    return () => undefined;
  }
  let done = false;
  const finish = (how: 'settled' | 'timedOut'): void => {
    if (done) return;
    done = true;
    off();
    clock.clearTimeout(timer);
    then(how);
  };
  const off = playback.onChange(() => {
    if (!loading()) finish('settled');
  });
  const timer = clock.setTimeout(() => finish('timedOut'), maxWaitMs);
  return () => {
    if (done) return;
    done = true;
    off();
    clock.clearTimeout(timer);
  };
}

/** Held at most: a few presses while starting; more is a held key or a flood. */
const MAX_HELD = 4;

/** Commands that only move windows: nothing to read first. */
const needsPlayback = (command: ShellCommand): boolean => command !== 'toggleMini' && command !== 'showMini' && command !== 'showMain';

/**
 * Hotkeys and media keys before the first read settles: held like cold-start control links (a play/pause
 * from "nothing known" would send `play` to music already playing), then run in order once `open`.
 */
export class FirstReadGate {
  private held: Array<[ShellCommand, CommandSource]> | null = [];
  private dropped = 0;

  public constructor(
    private readonly run: (command: ShellCommand, source: CommandSource) => void,
    private readonly log: Logger,
  ) {}

  public submit(command: ShellCommand, source: CommandSource): void {
    if (this.held === null || !needsPlayback(command)) {
      this.run(command, source);
      return;
    }
    if (this.held.length >= MAX_HELD) {
      this.dropped += 1;
      if (this.dropped === 1) this.log.info('key presses dropped while playback is still loading', { command });
      return;
    }
    this.held.push([command, source]);
  }

  public open(): void {
    const held = this.held;
    if (held === null) return;
    this.held = null;
    if (this.dropped > 0) this.log.info('key presses dropped while playback was loading', { dropped: this.dropped });
    for (const [command, source] of held) this.run(command, source);
  }
}
