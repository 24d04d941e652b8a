import { describe, expect, it } from 'vitest';

import type { AccessTokenSource, TokenResult } from '../ports/access-token';
import { ManualClock, settle } from '../testing/manual-clock';

import { PlaybackService } from './playback-service';
import { POLICY } from './refresh-policy';
import { apiState, apiTrack, fail, OK, scripted } from './testing/scripted-api';

// Regression tests for issue #13 (bugs 2, 3, 5, 6, 7, 8 and the suspected generation gaps), each written
// against the code as it was and seen failing first.

const signedIn: AccessTokenSource = {
  getAccessToken: () => Promise.resolve({ ok: true, value: 't' }),
  refreshAfterUnauthorized: () => Promise.resolve({ ok: true, value: 't' }),
};

async function setup(options: { tokens?: AccessTokenSource; clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock();
  const s = scripted(clock);
  const service = new PlaybackService({ api: s.api, tokens: options.tokens ?? signedIn, clock, visibility: 'window' });
  const pushes: number[] = [];
  service.onChange(() => pushes.push(clock.now()));
  service.start();
  await clock.advance(0);
  await s.last('getPlaybackState').answer(s.snapshot(apiState()));
  await s.last('libraryContains').answer({ ok: true, value: [false] });
  return { clock, service, pushes, ...s };
}

const item = (service: PlaybackService) => {
  const np = service.getState().nowPlaying;
  if (np.kind !== 'item') throw new Error(`expected an item, got ${np.kind}`);
  return np;
};

describe('bug 2: a command whose run rejects', () => {
  it('is rolled back: shuffle follows the polls after the client rejected', async () => {
    const { service, clock, last, snapshot } = await setup();
    const result = service.setShuffle(true);
    expect(item(service).shuffle).toBe(true);
    await last('setShuffle').reject(new Error('client bug'));
    expect(await result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(item(service).shuffle).toBe(false);
    await clock.advance(POLICY.windowPlayingMs);
    await last('getPlaybackState').answer(snapshot(apiState({ shuffle_state: false })));
    expect(item(service).shuffle).toBe(false);
  });
});

describe('bug 3: a wake while no token can be had', () => {
  it('backs off instead of looping at 1 Hz, and keeps the last state until the backoff says otherwise', async () => {
    let down = false;
    let asked = 0;
    const tokens: AccessTokenSource = {
      getAccessToken: (): Promise<TokenResult> => {
        asked += 1;
        return Promise.resolve(
          down
            ? { ok: false, error: { code: 'network', message: 'Spotify cannot be reached right now; retrying automatically' } }
            : { ok: true, value: 't' },
        );
      },
      refreshAfterUnauthorized: () => Promise.resolve({ ok: true, value: 't' }),
    };
    const { service, clock, pushes } = await setup({ tokens });
    // Three hours of sleep, the network gone on resume.
    down = true;
    await clock.jump(3 * 3_600_000);
    service.wake('resume');
    const askedBefore = asked;
    const pushesBefore = pushes.length;
    await clock.advance(2_500);
    expect(service.getState().nowPlaying.kind).toBe('item');
    await clock.advance(57_500);
    // Backoff 2, 4, 8, 16, 32 s: at most a handful of attempts in a minute, not sixty.
    expect(asked - askedBefore).toBeLessThanOrEqual(7);
    expect(pushes.length - pushesBefore).toBeLessThanOrEqual(10);
    expect(service.currentPlan()?.reason).toBe('retry');
  });
});

describe('bug 5: the wall clock stepping back', () => {
  it('keeps polling after the clock is set back an hour', async () => {
    const { service, clock, count } = await setup();
    service.setVisibility('tray');
    clock.stepWall(-3_600_000);
    service.setVisibility('window');
    const before = count('getPlaybackState');
    // Every read answers by itself: let each one through.
    for (let t = 0; t < 30 * 60_000; t += 1_000) {
      await clock.advance(1_000);
    }
    expect(count('getPlaybackState') - before).toBeGreaterThan(0);
  });

  it('plans the next read at most one cadence away after a step back', async () => {
    const { service, clock, last, snapshot } = await setup();
    clock.stepWall(-3_600_000);
    service.wake('window-shown');
    const plan = service.currentPlan();
    expect(plan?.at).not.toBeNull();
    expect((plan?.at ?? Infinity) - clock.now()).toBeLessThanOrEqual(POLICY.windowPlayingMs);
    await clock.advance(POLICY.windowPlayingMs);
    await last('getPlaybackState').answer(snapshot(apiState()));
    expect((service.currentPlan()?.at ?? Infinity) - clock.now()).toBeLessThanOrEqual(POLICY.windowPlayingMs);
  });
});

describe('bug 6: an older like lookup', () => {
  it('does not overwrite a like the user made after it started', async () => {
    const { service, clock, last, snapshot, count } = await setup();
    await clock.advance(POLICY.windowPlayingMs);
    // The next track shows; its lookup leaves and stays out.
    await last('getPlaybackState').answer(snapshot(apiState({ item: apiTrack('spotify:track:b', 'B') })));
    expect(count('libraryContains')).toBe(2);
    const lookup = last('libraryContains');
    const liking = service.setLiked(true);
    await last('saveToLibrary').answer(OK);
    expect(await liking).toEqual({ ok: true, value: null });
    expect(item(service).liked).toBe(true);
    // The lookup began before the like: its [false] is older news.
    await lookup.answer({ ok: true, value: [false] });
    expect(item(service).liked).toBe(true);
    await clock.advance(POLICY.windowPlayingMs);
    await last('getPlaybackState').answer(snapshot(apiState({ item: apiTrack('spotify:track:b', 'B') })));
    expect(item(service).liked).toBe(true);
  });

  it('drops a lookup answer for the old account (generation guard)', async () => {
    const { service, clock, last, snapshot } = await setup();
    await clock.advance(POLICY.windowPlayingMs);
    await last('getPlaybackState').answer(snapshot(apiState({ item: apiTrack('spotify:track:b', 'B') })));
    const oldLookup = last('libraryContains');
    service.accountChanged(true);
    await clock.advance(POLICY.minGapMs);
    await last('getPlaybackState').answer(snapshot(apiState({ item: apiTrack('spotify:track:b', 'B') })));
    const newLookup = last('libraryContains');
    expect(newLookup).not.toBe(oldLookup);
    // The old account had liked it; the new account's answer is still out.
    await oldLookup.answer({ ok: true, value: [true] });
    expect(item(service).liked).toBeNull();
    await newLookup.answer({ ok: true, value: [false] });
    expect(item(service).liked).toBe(false);
  });
});

describe('bug 7: transfer recovery', () => {
  it('goes to the device the user picked, not the last-used one', async () => {
    const { service, last, calls } = await setup();
    const result = service.transfer('d2', true);
    await last('transfer').answer(fail({ kind: 'no_active_device' }));
    await last('getDevices').answer({
      ok: true,
      value: [
        { id: 'd1', name: 'Laptop', type: 'Computer', is_active: false, supports_volume: true, volume_percent: 50 },
        { id: 'd2', name: 'Phone', type: 'Smartphone', is_active: false, supports_volume: true, volume_percent: 50 },
      ],
    });
    const transfers = calls.filter((c) => c.method === 'transfer');
    expect(transfers).toHaveLength(2);
    expect(transfers[1]?.args[0]).toBe('d2');
    await last('transfer').answer(OK);
    expect(await result).toEqual({ ok: true, value: null });
  });
});

describe('bug 8: a read that starts right after a 204', () => {
  it('does not undo the command while Spotify has not applied it yet', async () => {
    const { service, clock, last, snapshot, count } = await setup();
    await clock.advance(5_000);
    const pausing = service.togglePlay();
    await last('pause').answer(OK);
    await pausing;
    expect(item(service).isPlaying).toBe(false);
    // 100 ms later the window opens; Spotify still says playing (it applies commands a few hundred ms late).
    await clock.advance(100);
    const reads = count('getPlaybackState');
    service.setVisibility('tray');
    service.setVisibility('window');
    await clock.advance(0);
    expect(count('getPlaybackState')).toBe(reads + 1);
    await last('getPlaybackState').answer(snapshot(apiState({ is_playing: true })));
    expect(item(service).isPlaying).toBe(false);
    // The confirming read still leaves confirmDelayMs after the 204 (not a whole cadence later), and is trusted.
    await clock.advance(POLICY.confirmDelayMs - 100 - 1);
    expect(count('getPlaybackState')).toBe(reads + 1);
    await clock.advance(1);
    expect(count('getPlaybackState')).toBe(reads + 2);
    await last('getPlaybackState').answer(snapshot(apiState({ is_playing: true })));
    // Spotify says playing after its lag: the pause was undone elsewhere, and the display follows.
    expect(item(service).isPlaying).toBe(true);
  });

  it('still lets a read well after the command win (changed elsewhere)', async () => {
    const { service, clock, last, snapshot } = await setup();
    const result = service.setShuffle(true);
    await last('setShuffle').answer(OK);
    await result;
    await clock.advance(POLICY.confirmDelayMs);
    await last('getPlaybackState').answer(snapshot(apiState({ shuffle_state: false })));
    expect(item(service).shuffle).toBe(false);
  });
});

describe('suspected: generation checks between awaits', () => {
  it('listDevices does not keep the old account’s devices after an account change', async () => {
    const { service, last, calls } = await setup();
    const listing = service.listDevices();
    service.accountChanged(true);
    await last('getDevices').answer({
      ok: true,
      value: [{ id: 'old', name: 'Old account phone', type: 'Smartphone', is_active: false, supports_volume: true, volume_percent: 50 }],
    });
    await settle();
    // Asked again for the new account; the old answer is not returned.
    const fresh = last('getDevices');
    expect(calls.filter((c) => c.method === 'getDevices')).toHaveLength(2);
    await fresh.answer({ ok: true, value: [] });
    expect(await listing).toEqual({ ok: true, value: [] });
  });

  it('recoverDevice sends nothing for the new account with the old account’s plan', async () => {
    const { service, last, calls } = await setup();
    const result = service.next();
    await last('next').answer(fail({ kind: 'no_active_device' }));
    service.accountChanged(true);
    await last('getDevices').answer({
      ok: true,
      value: [{ id: 'd1', name: 'Laptop', type: 'Computer', is_active: false, supports_volume: true, volume_percent: 50 }],
    });
    const transfers = calls.filter((c) => c.method === 'transfer');
    // Let a wrongly sent transfer finish so the press settles either way.
    for (const transfer of transfers) await transfer.answer(OK);
    await last('next').answer(OK).catch(() => undefined);
    await result;
    expect(transfers).toHaveLength(0);
  });
});
