import type { NowPlaying } from '../../shared/state/now-playing';
import { progressAt } from '../spotify/mappers';

/** How far a new observation may differ from the extrapolated old one before it counts as a seek. */
export const SEEK_TOLERANCE_MS = 1_500;

/** MPRIS Position in microseconds at `now`, extrapolated from the last observation (0 when there is none). */
export function positionUs(nowPlaying: NowPlaying, now: number): number {
  const ms = progressAt(nowPlaying, now);
  return ms === null ? 0 : Math.max(0, Math.round(ms * 1000));
}

/**
 * Whether the step from `before` to `after` is a jump within the same item (a seek here or elsewhere), so
 * listeners must hear `Seeked`: they extrapolate Position themselves and never re-read it otherwise. A step
 * is a jump when the play time between the observations cannot explain it: exactly the elapsed time while
 * playing throughout, anything from none to all of it when play started or stopped in between, none while
 * paused throughout. The tolerance absorbs network timing and applies only where time was played — paused,
 * listeners hold the old position, so any change at all must be announced.
 */
export function seekedTo(before: NowPlaying, after: NowPlaying): number | null {
  if (before.kind !== 'item' || after.kind !== 'item' || before.item.uri !== after.item.uri) return null;
  if (before.observedAt === after.observedAt && before.progressMs === after.progressMs) return null;
  const elapsed = Math.max(0, after.observedAt - before.observedAt);
  const playedMin = before.isPlaying && after.isPlaying ? elapsed : 0;
  const playedMax = before.isPlaying || after.isPlaying ? elapsed : 0;
  const tolerance = before.isPlaying || after.isPlaying ? SEEK_TOLERANCE_MS : 0;
  const clamp = (ms: number): number => (before.item.durationMs > 0 ? Math.min(ms, before.item.durationMs) : ms);
  const low = clamp(before.progressMs + playedMin) - tolerance;
  const high = clamp(before.progressMs + playedMax) + tolerance;
  if (after.progressMs >= low && after.progressMs <= high) return null;
  return Math.round(after.progressMs * 1000);
}
