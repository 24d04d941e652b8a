import { describe, expect, it } from 'vitest';

import type { AccessTokenSource } from '../ports/access-token';
import { ManualClock } from '../testing/manual-clock';

import { PlaybackService } from './playback-service';
import { POLICY } from './refresh-policy';
import { apiState, OK, scripted } from './testing/scripted-api';

// Review findings on the split engine (issue #13, playback half), each seen failing first.

const signedIn: AccessTokenSource = {
  getAccessToken: () => Promise.resolve({ ok: true, value: 't' }),
  refreshAfterUnauthorized: () => Promise.resolve({ ok: true, value: 't' }),
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

describe('B4: a wake that arrives while a failing token attempt is in flight', () => {
  it('is served after the attempt (a read within the minimum gap), not left to the retry backoff', async () => {
    const clock = new ManualClock();
    const s = scripted(clock);
    const answers: Array<(r: Awaited<ReturnType<AccessTokenSource['getAccessToken']>>) => void> = [];
    const tokens: AccessTokenSource = {
      getAccessToken: () => new Promise((resolve) => answers.push(resolve)),
      refreshAfterUnauthorized: () => Promise.resolve({ ok: true, value: 't' }),
    };
    const service = new PlaybackService({ api: s.api, tokens, clock, visibility: 'window' });
    service.start();
    await clock.advance(0);
    expect(answers).toHaveLength(1);
    // The attempt is out; the system resumes meanwhile.
    service.wake('resume');
    answers[0]!({ ok: false, error: { code: 'network', message: 'offline' } });
    await clock.advance(0);
    expect(service.currentPlan()?.reason).toBe('wake');
    await clock.advance(POLICY.minGapMs);
    expect(answers).toHaveLength(2);
  });

  it('a failed attempt still answers the wakes it saw start (no 1 Hz loop)', async () => {
    const clock = new ManualClock();
    const s = scripted(clock);
    const answers: Array<(r: Awaited<ReturnType<AccessTokenSource['getAccessToken']>>) => void> = [];
    const tokens: AccessTokenSource = {
      getAccessToken: () => new Promise((resolve) => answers.push(resolve)),
      refreshAfterUnauthorized: () => Promise.resolve({ ok: true, value: 't' }),
    };
    const service = new PlaybackService({ api: s.api, tokens, clock, visibility: 'window' });
    service.start();
    service.wake('resume');
    await clock.advance(0);
    answers[0]!({ ok: false, error: { code: 'network', message: 'offline' } });
    await clock.advance(0);
    expect(service.currentPlan()?.reason).toBe('retry');
  });
});

describe('B2: the wall clock stepping back', () => {
  it('an accepted command stops replaying once reads after the step back show otherwise', async () => {
    const { service, clock, last, snapshot } = await setup();
    const sent = service.setShuffle(true);
    await last('setShuffle').answer(OK);
    expect(await sent).toEqual({ ok: true, value: null });
    clock.stepWall(-3_600_000);
    // Shuffle was turned off elsewhere: reads well past the apply lag say so, and the display must follow.
    for (let i = 0; i < 3; i += 1) {
      await clock.advance(POLICY.windowPlayingMs);
      await last('getPlaybackState').answer(snapshot(apiState({ shuffle_state: false })));
    }
    expect(item(service).shuffle).toBe(false);
  });

  it('a Retry-After set before the step back lasts at most twice its length, not an hour more', async () => {
    const { service, clock, last, count } = await setup();
    const sent = service.setShuffle(true);
    await last('setShuffle').answer({ ok: false, error: { kind: 'rate_limited', retryAfterMs: 30_000, retryAt: clock.now() + 30_000 } });
    expect(await sent).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    clock.stepWall(-3_600_000);
    // The step is only noticed when the engine next reads the clock, so the wait restarts then at worst.
    await clock.advance(61_000);
    const again = service.setShuffle(true);
    // Sent, not refused inside an hour-long "30 s" window.
    expect(count('setShuffle')).toBe(2);
    await last('setShuffle').answer(OK);
    expect(await again).toEqual({ ok: true, value: null });
  });
});

describe('B5: a sign-out during the recovery transfer', () => {
  it('stops the follow-up command: nothing is sent after the transfer answers', async () => {
    const { service, last, count } = await setup();
    const result = service.next();
    await last('next').answer({ ok: false, error: { kind: 'no_active_device' } });
    await last('getDevices').answer({
      ok: true,
      value: [{ id: 'd1', name: 'Laptop', type: 'Computer', is_active: false, supports_volume: true, volume_percent: 50 }],
    });
    expect(count('transfer')).toBe(1);
    // The user signs out while the transfer is out.
    service.accountChanged(false);
    await last('transfer').answer(OK);
    // A wrongly sent follow-up would wait for its answer: let it through so the press settles either way.
    if (count('next') > 1) await last('next').answer(OK);
    await result;
    expect(count('next')).toBe(1);
    expect(service.getState().controls.readOnly).toBe(true);
  });
});
