import type { PlaybackFacade } from '../core/facades';
import type { Clock } from '../ports/clock';

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
