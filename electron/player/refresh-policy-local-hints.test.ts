import { describe, expect, it } from 'vitest';

import { ManualClock } from '../testing/manual-clock';

import { nextFetchAt, POLICY, type RefreshPolicyInput } from './refresh-policy';
import { policyInput } from './testing/refresh-policy-fixture';
import { createSimHarness } from './testing/sim-session';

// The refresh policy leaning on the local Spotify app's MPRIS signals (issue 12): while it is the active
// device and followed, the cadence is only a safety net; track ends are still probed.

const input = (patch: Partial<RefreshPolicyInput> = {}): RefreshPolicyInput => policyInput(100_000, patch);

describe('refresh policy with local hints', () => {
  it('polls at the safety-net cadence instead of every 10 s (window) or 30 s (tray)', () => {
    expect(nextFetchAt(input())).toMatchObject({ at: 100_000 + POLICY.windowPlayingMs, reason: 'cadence' });
    expect(nextFetchAt(input({ localHints: true }))).toMatchObject({ at: 100_000 + POLICY.windowLocalHintsMs, reason: 'cadence' });
    expect(nextFetchAt(input({ localHints: true, visibility: 'tray' }))).toMatchObject({ at: 100_000 + POLICY.trayLocalHintsMs, reason: 'cadence' });
  });

  it('still probes the track end, confirms commands and answers a wake at once', () => {
    expect(nextFetchAt(input({ localHints: true, expectedEndAt: 160_000 }))).toMatchObject({ at: 160_000 + POLICY.trackEndGraceMs, reason: 'track-end' });
    expect(nextFetchAt(input({ localHints: true, lastCommandAt: 100_500 }))).toMatchObject({ reason: 'confirm-command' });
    expect(nextFetchAt(input({ localHints: true, now: 150_000, wakeRequested: true }))).toMatchObject({ at: 150_000, reason: 'wake' });
  });

  it('the service re-plans when the media session says the hints are trusted, and back', async () => {
    const clock = new ManualClock();
    const h = await createSimHarness({ clock, visibility: 'window' });
    // Paused: no track end in the plan, only the cadence.
    h.sim.control.externalAction({ type: 'pause' });
    h.service.start();
    await clock.advance(0);
    const last = clock.now();
    expect(h.service.currentPlan()).toMatchObject({ at: last + POLICY.windowPausedMs, reason: 'cadence' });
    h.service.setLocalHints(true);
    expect(h.service.currentPlan()).toMatchObject({ at: last + POLICY.windowLocalHintsMs, reason: 'cadence' });
    const reads = () => h.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/me/player')).length;
    await clock.advance(60_000);
    expect(reads()).toBe(1);
    h.service.wake('local-hint');
    await clock.advance(0);
    expect(reads()).toBe(2);
    h.service.setLocalHints(false);
    expect(h.service.currentPlan()).toMatchObject({ at: clock.now() + POLICY.windowPausedMs });
    h.service.stop();
  });
});
