import { describe, expect, it } from 'vitest';

import { run } from './mpris-session';

// The MPRIS listening session as a regression check (issue 12): with the local client's signals, track
// changes and play/pause/skip show within 0.5 s at p95 on at most 60 requests per hour with a window visible.
// Simulated time under a fake clock: these figures do not depend on the machine.

describe('MPRIS session benchmark', () => {
  it('meets the targets with local signals, and polling alone does not', async () => {
    const result = await run({ record: false });
    expect(result.summary).toMatchObject({
      targets: { trackChangesP95Within500ms: true, playPauseSkipP95Within500ms: true, atMost60RequestsPerHour: true, nothingMissed: true },
    });
    const [alone] = result.rows as Array<{ requestsPerHour: number; playPauseSkipDelayP95s: number }>;
    expect(alone!.requestsPerHour).toBeGreaterThan(300);
    expect(alone!.playPauseSkipDelayP95s).toBeGreaterThan(1);
  }, 120_000);
});
