import type { RefreshPolicyInput } from '../refresh-policy';

/**
 * A refresh-policy input for tests: signed in, a window visible, playing, just fetched at `now`, nothing
 * pending; `patch` changes what a test is about.
 */
export function policyInput(now: number, patch: Partial<RefreshPolicyInput> = {}): RefreshPolicyInput {
  return {
    now,
    visibility: 'window',
    signedIn: true,
    lastFetchAt: now,
    isPlaying: true,
    expectedEndAt: null,
    lastCommandAt: null,
    rateLimitedUntil: null,
    quotaExceededAt: null,
    failures: 0,
    wakeRequested: false,
    ...patch,
  };
}
