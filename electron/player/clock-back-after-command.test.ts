import { describe, expect, it } from 'vitest';

import type { AccessTokenSource } from '../ports/access-token';
import { ManualClock } from '../testing/manual-clock';

import { PlaybackService } from './playback-service';
import { apiState, OK, scripted } from './testing/scripted-api';

const signedIn: AccessTokenSource = {
  getAccessToken: () => Promise.resolve({ ok: true, value: 't' }),
  refreshAfterUnauthorized: () => Promise.resolve({ ok: true, value: 't' }),
};

// The refresh policy is stateless: it clamps a future `lastCommandAt` to now on every plan, so only the session's
// own clamp stops "confirm the command 700 ms from now" from being planned again and again after a step back.
describe('a command, then the wall clock stepped back an hour', () => {
  it('reads at the window cadence, not every confirm delay', async () => {
    const clock = new ManualClock();
    const s = scripted(clock);
    const service = new PlaybackService({ api: s.api, tokens: signedIn, clock, visibility: 'window' });
    service.start();
    await clock.advance(0);
    await s.last('getPlaybackState').answer(s.snapshot(apiState()));
    await s.last('libraryContains').answer({ ok: true, value: [false] });
    const pressed = service.togglePlay();
    await s.last('pause').answer(OK);
    await pressed;
    clock.stepWall(-3_600_000);
    const before = s.count('getPlaybackState');
    let answered = before;
    for (let t = 0; t < 60_000; t += 100) {
      await clock.advance(100);
      while (answered < s.count('getPlaybackState')) {
        const call = s.calls.filter((c) => c.method === 'getPlaybackState')[answered]!;
        answered += 1;
        await call.answer(s.snapshot(apiState({ is_playing: false })));
      }
    }
    expect(s.count('getPlaybackState') - before).toBeLessThanOrEqual(8);
    expect(service.currentPlan()?.reason).not.toBe('confirm-command');
    service.stop();
  });
});
