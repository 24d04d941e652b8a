import { describe, expect, it } from 'vitest';

import type { AccessTokenSource } from '../ports/access-token';
import { ManualClock } from '../testing/manual-clock';

import { PlaybackService } from './playback-service';
import { POLICY } from './refresh-policy';
import { apiState, OK, scripted } from './testing/scripted-api';

// Review findings on the split engine (issue #13, playback half), each seen failing first.

const signedIn: AccessTokenSource = {
  getAccessToken: () => Promise.resolve({ ok: true, token: 't' }),
  refreshAfterUnauthorized: () => Promise.resolve({ ok: true, token: 't' }),
};

async function setup() {
  const clock = new ManualClock();
  const s = scripted(clock);
  const service = new PlaybackService({ api: s.api, tokens: signedIn, clock, visibility: 'window' });
  service.start();
  await clock.advance(0);
  await s.last('getPlaybackState').answer(s.snapshot(apiState()));
  await s.last('libraryContains').answer({ ok: true, value: [false] });
  return { clock, service, ...s };
}

const item = (service: PlaybackService) => {
  const np = service.getState().nowPlaying;
  if (np.kind !== 'item') throw new Error(`expected an item, got ${np.kind}`);
  return np;
};

describe('a throwing onChange listener', () => {
  it('does not make a command throw, and leaves no pending entry behind', async () => {
    const { service, clock, last, snapshot } = await setup();
    let calls = 0;
    service.onChange(() => {
      calls += 1;
      throw new Error('listener bug');
    });
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = service.setShuffle(true);
    }).not.toThrow();
    expect(calls).toBeGreaterThan(0);
    await last('setShuffle').answer(OK);
    expect(await result).toEqual({ ok: true, value: null });
    // Shuffle turned off elsewhere later: the display follows, nothing stuck replays over it.
    await clock.advance(POLICY.windowPlayingMs);
    await last('getPlaybackState').answer(snapshot(apiState({ shuffle_state: false })));
    expect(item(service).shuffle).toBe(false);
  });
});
