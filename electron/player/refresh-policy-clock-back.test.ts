import { describe, expect, it } from 'vitest';

import { nextFetchAt, POLICY, type RefreshPolicyInput } from './refresh-policy';
import { policyInput } from './testing/refresh-policy-fixture';

// The wall clock stepped back (NTP, the user, a VM resume): times the engine kept now lie in the future.
// The policy plans from now, not from them, or polling would stop until the old time came round (#13 bug 5).

const T = 1_000_000;
const HOUR = 3_600_000;
const input = (patch: Partial<RefreshPolicyInput> = {}): RefreshPolicyInput => policyInput(T, patch);

describe('nextFetchAt after the wall clock stepped back', () => {
  it('plans the next read a cadence from now when the last read lies an hour ahead', () => {
    expect(nextFetchAt(input({ lastFetchAt: T + HOUR }))).toEqual({ at: T + POLICY.windowPlayingMs, reason: 'cadence', rateLimited: false });
  });

  it('confirms a command answered "an hour from now" shortly after now', () => {
    const plan = nextFetchAt(input({ lastFetchAt: T - 2_000, lastCommandAt: T + HOUR }));
    expect(plan).toEqual({ at: T + POLICY.confirmDelayMs, reason: 'confirm-command', rateLimited: false });
  });

  it('ends a quota backoff begun "an hour from now" one backoff from now', () => {
    expect(nextFetchAt(input({ quotaExceededAt: T + HOUR }))).toEqual({ at: T + POLICY.quotaBackoffMs, reason: 'quota-backoff', rateLimited: false });
  });
});
