import { describe, expect, it } from 'vitest';

import type { AccessTokenSource } from '../ports/access-token';
import { ManualClock } from '../testing/manual-clock';

import { PlaybackService } from './playback-service';
import { POLICY } from './refresh-policy';
import { apiState, apiTrack, scripted } from './testing/scripted-api';

// A like lookup belongs to the account it was asked for: its failure must not touch the next account's
// bookkeeping (issue #13 review, LOW 3).

const signedIn: AccessTokenSource = {
  getAccessToken: () => Promise.resolve({ ok: true, value: 't' }),
  refreshAfterUnauthorized: () => Promise.resolve({ ok: true, value: 't' }),
};

describe('a like lookup of the old account that rejects after an account change', () => {
  it('does not end the new account’s lookup of the same track (no duplicate lookup)', async () => {
    const clock = new ManualClock();
    const s = scripted(clock);
    const service = new PlaybackService({ api: s.api, tokens: signedIn, clock, visibility: 'window' });
    const track = apiState({ item: apiTrack('spotify:track:b') });
    service.start();
    await clock.advance(0);
    await s.last('getPlaybackState').answer(s.snapshot(track));
    expect(s.count('libraryContains')).toBe(1);
    const oldLookup = s.last('libraryContains');

    service.accountChanged(false);
    service.accountChanged(true);
    const reads = s.count('getPlaybackState');
    await clock.advance(POLICY.windowPlayingMs);
    expect(s.count('getPlaybackState')).toBe(reads + 1);
    await s.last('getPlaybackState').answer(s.snapshot(track));
    expect(s.count('libraryContains')).toBe(2);

    await oldLookup.reject(new Error('old account’s lookup failed'));
    // The new account's lookup is still out: the next read of the same track must not ask again.
    await clock.advance(POLICY.windowPlayingMs);
    await s.last('getPlaybackState').answer(s.snapshot(track));
    expect(s.count('libraryContains')).toBe(2);
  });
});
