/** Retry delays for transient refresh failures: exponential, capped, with jitter so clients do not stampede. */
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * The wait before retry number `failures` (1 = after the first failure). `random` in [0, 1) spreads it over
 * the upper half of the window ("equal jitter"), so it never collapses to zero.
 */
export function backoffDelay(failures: number, random: () => number, base = BACKOFF_BASE_MS, cap = BACKOFF_CAP_MS): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const window = Math.min(cap, base * 2 ** exponent);
  return Math.round(window / 2 + (window / 2) * Math.min(Math.max(random(), 0), 1));
}
