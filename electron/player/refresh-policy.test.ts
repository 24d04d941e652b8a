import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { cadenceMs, nextFetchAt, POLICY, retryDelayMs, type RefreshPolicyInput } from './refresh-policy';
import { policyInput } from './testing/refresh-policy-fixture';

const T = 1_000_000;
const input = (patch: Partial<RefreshPolicyInput> = {}): RefreshPolicyInput => policyInput(T, patch);

describe('nextFetchAt', () => {
  it('fetches at once the first time', () => {
    expect(nextFetchAt(input({ lastFetchAt: null }))).toEqual({ at: T, reason: 'first', rateLimited: false });
  });

  it('plans nothing while signed out', () => {
    expect(nextFetchAt(input({ signedIn: false }))).toEqual({ at: null, reason: 'signed-out', rateLimited: false });
  });

  it('is slower with only the tray, and slower still when paused in the tray', () => {
    const at = (visibility: 'window' | 'tray', isPlaying: boolean) => nextFetchAt(input({ visibility, isPlaying })).at;
    expect(at('window', true)).toBe(T + POLICY.windowPlayingMs);
    expect(at('window', false)).toBe(T + POLICY.windowPausedMs);
    expect(at('tray', true)).toBe(T + POLICY.trayPlayingMs);
    expect(at('tray', false)).toBe(T + POLICY.trayPausedMs);
    // A visible window keeps its pace when paused (a resume elsewhere should show as fast as a skip).
    expect(cadenceMs('window', true)).toBeLessThanOrEqual(cadenceMs('window', false));
    expect(cadenceMs('window', false)).toBeLessThan(cadenceMs('tray', true));
    expect(cadenceMs('tray', true)).toBeLessThan(cadenceMs('tray', false));
  });

  it('fetches right after the expected end of the track', () => {
    const plan = nextFetchAt(input({ visibility: 'tray', expectedEndAt: T + 4000 }));
    expect(plan).toEqual({ at: T + 4000 + POLICY.trackEndGraceMs, reason: 'track-end', rateLimited: false });
    // Paused: the track does not end.
    expect(nextFetchAt(input({ visibility: 'tray', isPlaying: false, expectedEndAt: T + 4000 })).reason).toBe('cadence');
  });

  it('probes, not spins, when the fetch after the expected end still showed the track', () => {
    const plan = nextFetchAt(input({ lastFetchAt: T, expectedEndAt: T - 100 }));
    expect(plan).toMatchObject({ at: T + POLICY.overrunProbeMs, reason: 'track-end' });
  });

  it('confirms a command shortly after it', () => {
    const plan = nextFetchAt(input({ lastFetchAt: T - 5000, lastCommandAt: T }));
    expect(plan).toEqual({ at: T + POLICY.confirmDelayMs, reason: 'confirm-command', rateLimited: false });
    // A fetch inside Spotify's apply lag cannot confirm it: the confirming read is still due (review B1).
    expect(nextFetchAt(input({ lastFetchAt: T, lastCommandAt: T - 10 }))).toMatchObject({ at: T - 10 + POLICY.confirmDelayMs, reason: 'confirm-command' });
    // Already confirmed by a fetch that left after the lag.
    expect(nextFetchAt(input({ now: T + POLICY.confirmDelayMs, lastFetchAt: T + POLICY.confirmDelayMs, lastCommandAt: T })).reason).toBe('cadence');
  });

  it('fetches at once on wake (window shown, resume, network back)', () => {
    expect(nextFetchAt(input({ wakeRequested: true, now: T + 5000 }))).toMatchObject({ at: T + 5000, reason: 'wake' });
    // …but not twice within the minimum gap (popup opened and closed repeatedly).
    expect(nextFetchAt(input({ wakeRequested: true, now: T + 100 }))).toMatchObject({ at: T + POLICY.minGapMs, reason: 'wake' });
  });

  it('stays silent for Retry-After, whatever else wants a fetch', () => {
    const until = T + 60_000;
    for (const patch of [{ wakeRequested: true }, { lastCommandAt: T }, { expectedEndAt: T + 1000 }, { lastFetchAt: null }]) {
      expect(nextFetchAt(input({ ...patch, rateLimitedUntil: until }))).toMatchObject({ at: until, rateLimited: true });
    }
  });

  it('backs off long on QUOTA_EXCEEDED, even on wake', () => {
    const plan = nextFetchAt(input({ quotaExceededAt: T, wakeRequested: true }));
    expect(plan).toEqual({ at: T + POLICY.quotaBackoffMs, reason: 'quota-backoff', rateLimited: false });
  });

  it('retries failures with exponential backoff, capped', () => {
    expect(nextFetchAt(input({ failures: 1 }))).toMatchObject({ at: T + 2000, reason: 'retry' });
    expect(nextFetchAt(input({ failures: 3 }))).toMatchObject({ at: T + 8000 });
    expect(retryDelayMs(20)).toBe(POLICY.retryMaxMs);
  });

  const arbitraryInput = fc.record({
    now: fc.integer({ min: T, max: T + 1e7 }),
    visibility: fc.constantFrom('window' as const, 'tray' as const),
    signedIn: fc.boolean(),
    lastFetchAt: fc.option(fc.integer({ min: T - 1e6, max: T + 1e7 })),
    isPlaying: fc.boolean(),
    expectedEndAt: fc.option(fc.integer({ min: T - 1e6, max: T + 2e7 })),
    lastCommandAt: fc.option(fc.integer({ min: T - 1e6, max: T + 1e7 })),
    rateLimitedUntil: fc.option(fc.integer({ min: T - 1e6, max: T + 2e7 })),
    quotaExceededAt: fc.option(fc.integer({ min: T - 1e7, max: T + 1e7 })),
    failures: fc.nat(10),
    wakeRequested: fc.boolean(),
  });

  it('never plans a fetch in the past or inside a Retry-After window (property)', () => {
    fc.assert(
      fc.property(arbitraryInput, (i) => {
        const plan = nextFetchAt(i);
        if (plan.at === null) return !i.signedIn;
        return plan.at >= i.now && (i.rateLimitedUntil === null || plan.at >= i.rateLimitedUntil);
      }),
      { numRuns: 2000 },
    );
  });

  it('never waits longer than the slowest cadence unless told to (property)', () => {
    fc.assert(
      fc.property(arbitraryInput, (i) => {
        const plan = nextFetchAt({ ...i, signedIn: true, quotaExceededAt: null, rateLimitedUntil: null, failures: 0 });
        if (plan.at === null) return false;
        const last = i.lastFetchAt ?? i.now;
        return plan.at <= Math.max(i.now, last + POLICY.trayPausedMs);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps scheduled fetches at least minGap apart unless confirming a command (property)', () => {
    fc.assert(
      fc.property(arbitraryInput, (i) => {
        const plan = nextFetchAt({ ...i, signedIn: true, quotaExceededAt: null, failures: 0, lastCommandAt: null });
        if (plan.at === null || i.lastFetchAt === null) return true;
        // A last fetch "in the future" (the wall clock was set back) counts from now.
        return plan.at - Math.min(i.lastFetchAt, i.now) >= POLICY.minGapMs || plan.at === i.now;
      }),
      { numRuns: 2000 },
    );
  });
});
