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
 * listeners must hear `Seeked`: they extrapolate Position themselves and never re-read it otherwise.
 */
export function seekedTo(before: NowPlaying, after: NowPlaying): number | null {
  if (before.kind !== 'item' || after.kind !== 'item' || before.item.uri !== after.item.uri) return null;
  if (before.observedAt === after.observedAt && before.progressMs === after.progressMs) return null;
  const expected = progressAt(before, after.observedAt) ?? 0;
  if (Math.abs(after.progressMs - expected) <= SEEK_TOLERANCE_MS) return null;
  return Math.round(after.progressMs * 1000);
}
