import { describe, expect, it } from 'vitest';

import type { AccessTokenSource } from '../ports/access-token';
import { ManualClock } from '../testing/manual-clock';

import { PlaybackService } from './playback-service';
import { apiState, OK, scripted } from './testing/scripted-api';

// A press belongs to the account it was made for: one still queued when the account changes (demo → the
// user's own, or sign-out then sign-in) must not be sent for the new account (issue #13 review, MED 1).

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

/** Sign-out then sign-in (another account) while the lane's first command is in flight. */
function switchAccount(service: PlaybackService): void {
  service.accountChanged(false);
  service.accountChanged(true);
}

describe('commands queued for one account when the account changes', () => {
  it('Next ×3: the two skips still waiting are not sent for the new account', async () => {
    const { service, last, count } = await setup();
    const presses = [service.next(), service.next(), service.next()];
    expect(count('next')).toBe(1);
    switchAccount(service);
    await last('next').answer(OK);
    expect(count('next')).toBe(1);
    const [, second, third] = await Promise.all(presses);
    expect(second).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(third).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('volume: the newest value waiting is not sent for the new account', async () => {
    const { service, last, count } = await setup();
    const first = service.setVolume(10);
    const waiting = service.setVolume(20);
    expect(count('setVolume')).toBe(1);
    switchAccount(service);
    await last('setVolume').answer(OK);
    expect(count('setVolume')).toBe(1);
    await first;
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('seek: the newest position waiting is not sent for the new account', async () => {
    const { service, last, count } = await setup();
    const first = service.seek(10_000);
    const waiting = service.seek(20_000);
    expect(count('seek')).toBe(1);
    switchAccount(service);
    await last('seek').answer(OK);
    expect(count('seek')).toBe(1);
    await first;
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('a value pressed for the new account, replacing an old one waiting, is sent', async () => {
    const { service, last, calls } = await setup();
    const first = service.setVolume(10);
    const stale = service.setVolume(20);
    switchAccount(service);
    const fresh = service.setVolume(30);
    await last('setVolume').answer(OK);
    const volumes = calls.filter((c) => c.method === 'setVolume').map((c) => c.args[0]);
    expect(volumes).toEqual([10, 30]);
    await last('setVolume').answer(OK);
    await first;
    // The replaced press takes the answer of the press that replaced it.
    expect(await stale).toEqual({ ok: true, value: null });
    expect(await fresh).toEqual({ ok: true, value: null });
  });
});
