import type { NowPlaying, PlaybackNotice } from '../../shared/state/now-playing';

/** What the service knows about Spotify pushing back; all of it is reset by the next good observation. */
export interface PushbackState {
  readonly signedIn: boolean;
  readonly observed: NowPlaying;
  /** Spotify's Retry-After end (kept after it passes; compared with `lastGoodAt`). */
  readonly rateLimitedUntil: number | null;
  readonly quotaExceededAt: number | null;
  /** Failed reads in a row, and what kind the last one was. */
  readonly failures: number;
  readonly lastFailure: 'offline' | 'stale';
  /**
   * When the refresh policy will next read, or null: the notice promises that time, not Retry-After's end
   * (after a 429 the policy may wait for its cadence, which can be later).
   */
  readonly nextFetchAt: number | null;
  /** When the last good observation was asked for, or null if none yet. */
  readonly lastGoodAt: number | null;
}

const SHOWING_LAST = 'showing the last known state';

export const NOTICE_MESSAGES = {
  rateLimited: `Spotify asked Trayplay to slow down — ${SHOWING_LAST}`,
  quotaExceeded: `This Client ID’s Spotify API quota is used up — ${SHOWING_LAST}`,
  offline: `Can’t reach Spotify — ${SHOWING_LAST}`,
  stale: `Spotify isn’t answering as expected — ${SHOWING_LAST}`,
} as const;

/**
 * Whether the shown state may be stale, and when the service will look again. Null when all is well, and
 * while nothing is known (the `unavailable` state then says it itself, with its own retryAt).
 */
export function playbackNotice(s: PushbackState): PlaybackNotice | null {
  if (!s.signedIn || s.observed.kind === 'unavailable') return null;
  // A Retry-After that began after the last good observation: nothing newer can be known until it passes.
  if (s.rateLimitedUntil !== null && (s.lastGoodAt === null || s.lastGoodAt < s.rateLimitedUntil)) {
    return { kind: 'rateLimited', message: NOTICE_MESSAGES.rateLimited, retryAt: s.nextFetchAt };
  }
  if (s.quotaExceededAt !== null) return { kind: 'quotaExceeded', message: NOTICE_MESSAGES.quotaExceeded, retryAt: s.nextFetchAt };
  if (s.failures > 0) return { kind: s.lastFailure, message: NOTICE_MESSAGES[s.lastFailure], retryAt: s.nextFetchAt };
  return null;
}
