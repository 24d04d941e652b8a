/** Where the user can see playback: a window (popup, main or mini player) or only the tray icon. */
export type Visibility = 'window' | 'tray';

/**
 * Everything the refresh policy looks at. Times are ms since the epoch. The service fills this from what it
 * knows after every observation, command and wake-up; the policy itself keeps no state.
 */
export interface RefreshPolicyInput {
  readonly now: number;
  readonly visibility: Visibility;
  /** False: no token, so no requests at all. */
  readonly signedIn: boolean;
  /** When the last playback-state request left, or null if none yet. */
  readonly lastFetchAt: number | null;
  readonly isPlaying: boolean;
  /** When the current item will end if nobody acts (null: unknown, paused or nothing playing). */
  readonly expectedEndAt: number | null;
  /** When the last command that changed playback was answered, or null. */
  readonly lastCommandAt: number | null;
  /** Spotify's Retry-After: no request before this time. */
  readonly rateLimitedUntil: number | null;
  /** When QUOTA_EXCEEDED was last seen, while it stands (cleared when the user acts). */
  readonly quotaExceededAt: number | null;
  /** Failed fetches in a row (network, server, timeout). */
  readonly failures: number;
  /** Window shown, system resumed or network back since the last fetch: look now. */
  readonly wakeRequested: boolean;
  /**
   * The Spotify app on this computer is the active device and signals its changes over MPRIS (the media
   * session wakes the engine on each): the cadence is only a safety net then.
   */
  readonly localHints?: boolean;
}

export type RefreshReason =
  | 'signed-out'
  | 'first'
  | 'wake'
  | 'quota-backoff'
  | 'retry'
  | 'confirm-command'
  | 'track-end'
  | 'cadence';

export interface RefreshPlan {
  /** When to fetch next; null: not until something changes (signed out). */
  readonly at: number | null;
  readonly reason: RefreshReason;
  /** The plan was pushed later by Retry-After. */
  readonly rateLimited: boolean;
}

/** Tunables, exported so tests and benchmarks name them rather than repeat numbers. */
export const POLICY = {
  /** Seen in a window: external changes show within ~10 s. */
  windowPlayingMs: 10_000,
  /**
   * Not slower when paused while a window is open: the user is looking, and the likeliest change is a
   * resume on another device, which should show as fast as a skip (the session benchmark's p95 ≤ 10 s).
   */
  windowPausedMs: 10_000,
  /** Only the tray (tooltip, menu): slower. */
  trayPlayingMs: 30_000,
  trayPausedMs: 60_000,
  /** With local hints (see RefreshPolicyInput.localHints): seeks and volume in the app show this late at worst. */
  windowLocalHintsMs: 180_000,
  trayLocalHintsMs: 300_000,
  /** After the expected end: Spotify needs a moment to switch items. */
  trackEndGraceMs: 400,
  /** A command's effect is visible in /me/player shortly after its 204. */
  confirmDelayMs: 700,
  /** Never two scheduled fetches closer than this (a command's confirmation excepted). */
  minGapMs: 1_000,
  /** When the fetch after the expected end still shows the same item, probe this often. */
  overrunProbeMs: 2_000,
  retryBaseMs: 2_000,
  retryMaxMs: 60_000,
  /** QUOTA_EXCEEDED: the quota is per developer account and refills slowly; wait long unless the user acts. */
  quotaBackoffMs: 30 * 60_000,
} as const;

export function cadenceMs(visibility: Visibility, isPlaying: boolean, localHints = false): number {
  if (localHints) return visibility === 'window' ? POLICY.windowLocalHintsMs : POLICY.trayLocalHintsMs;
  if (visibility === 'window') return isPlaying ? POLICY.windowPlayingMs : POLICY.windowPausedMs;
  return isPlaying ? POLICY.trayPlayingMs : POLICY.trayPausedMs;
}

export function retryDelayMs(failures: number): number {
  return Math.min(POLICY.retryMaxMs, POLICY.retryBaseMs * 2 ** Math.max(0, failures - 1));
}

/**
 * The adaptive refresh policy as a pure function: when to read `/me/player` next, and why.
 * The earliest useful moment wins (first read, wake-up, command confirmation, track end, cadence), then
 * Retry-After pushes it later: nothing is ever planned inside a rate-limit window.
 */
export function nextFetchAt(input: RefreshPolicyInput): RefreshPlan {
  const { now } = input;
  const plan = (at: number, reason: RefreshReason): RefreshPlan => {
    const floor = input.rateLimitedUntil ?? -Infinity;
    const planned = Math.max(now, at);
    return planned < floor ? { at: floor, reason, rateLimited: true } : { at: planned, reason, rateLimited: false };
  };

  // Past times are clamped to now: a wall clock set back (NTP, a VM resume) must not put the next read hours away.
  const past = (at: number | null): number | null => (at === null ? null : Math.min(at, now));
  if (!input.signedIn) return { at: null, reason: 'signed-out', rateLimited: false };
  const quotaAt = past(input.quotaExceededAt);
  if (quotaAt !== null) return plan(quotaAt + POLICY.quotaBackoffMs, 'quota-backoff');
  const last = past(input.lastFetchAt);
  if (last === null) return plan(now, 'first');
  // Opening the popup ten times in ten seconds must not mean ten fetches: a wake-up still keeps the minimum gap.
  if (input.wakeRequested) return plan(Math.max(now, last + POLICY.minGapMs), 'wake');
  if (input.failures > 0) return plan(last + retryDelayMs(input.failures), 'retry');

  const candidates: Array<[number, RefreshReason]> = [[last + cadenceMs(input.visibility, input.isPlaying, input.localHints === true), 'cadence']];
  const commandAt = past(input.lastCommandAt);
  // Only a read that left confirmDelayMs after the 204 confirms it: one inside the lag (a wake) does not.
  if (commandAt !== null && commandAt + POLICY.confirmDelayMs > last) {
    candidates.push([commandAt + POLICY.confirmDelayMs, 'confirm-command']);
  }
  if (input.isPlaying && input.expectedEndAt !== null) {
    const end = input.expectedEndAt + POLICY.trackEndGraceMs;
    // Already looked after the expected end and the item was still there: probe, but not in a tight loop.
    const gap = input.expectedEndAt <= last ? POLICY.overrunProbeMs : POLICY.minGapMs;
    candidates.push([Math.max(end, last + gap), 'track-end']);
  }
  const [at, reason] = candidates.reduce((a, b) => (b[0] < a[0] ? b : a));
  return plan(at, reason);
}
