import { describe, expect, it } from 'vitest';

import { COMPUTER_ID, PHONE_ID, RESTRICTED_ID, SPEAKER_ID } from '../../simulator/index';
import { progressAt } from '../spotify/mappers';
import { ManualClock } from '../testing/manual-clock';

import { POLICY } from './refresh-policy';
import { createSimHarness } from './testing/sim-session';

// The service, the real Web API client and the simulator, on one manual clock.

async function started(options: Partial<Parameters<typeof createSimHarness>[0]> = {}) {
  const clock = options.clock ?? new ManualClock();
  const h = await createSimHarness({ ...options, clock });
  h.service.start();
  await clock.advance(0);
  return { ...h, clock };
}

type Harness = Awaited<ReturnType<typeof started>>;

const item = (h: Harness) => {
  const np = h.service.getState().nowPlaying;
  if (np.kind !== 'item') throw new Error(`expected an item, got ${np.kind}`);
  return np;
};

/** Lets the confirming fetch run. */
const confirm = (h: Harness) => h.clock.advance(1_000);

const paths = (h: Harness, from = 0) => h.requests.slice(from).map((r) => `${r.method} ${r.path}`);

describe('PlaybackService against the simulator', () => {
  it('shows the playing track, checks liked once per track and polls at the window cadence', async () => {
    const h = await started();
    expect(item(h)).toMatchObject({ isPlaying: true, liked: false, device: { id: COMPUTER_ID } });
    expect(item(h).item.uri).toBe(h.sim.control.state().itemUri);
    await h.clock.advance(30_000);
    const polls = paths(h).filter((p) => p === 'GET /me/player').length;
    expect(polls).toBe(4);
    expect(paths(h).filter((p) => p === 'GET /me/library/contains')).toHaveLength(1);
  });

  it('with only the tray, leaves liked unknown (no lookups) until a window shows', async () => {
    const h = await started({ visibility: 'tray' });
    expect(item(h).liked).toBeNull();
    expect(paths(h)).toEqual(['GET /me/player']);
    h.service.setVisibility('window');
    await h.clock.advance(1_000);
    expect(paths(h)).toEqual(['GET /me/player', 'GET /me/player', 'GET /me/library/contains']);
    expect(item(h).liked).toBe(false);
  });

  it('shows a track change within 1.5 s of the real boundary', async () => {
    const h = await started({ visibility: 'tray' });
    const [boundary] = h.sim.control.trackBoundaries(h.clock.now(), h.clock.now() + 3_600_000);
    if (!boundary) throw new Error('no boundary');
    await h.clock.advance(boundary.at - h.clock.now() + 1_500);
    expect(item(h).item.uri).toBe(boundary.toUri);
  });

  it('play/pause', async () => {
    const h = await started();
    expect(await h.service.togglePlay()).toEqual({ ok: true, value: null });
    expect(h.sim.control.state().isPlaying).toBe(false);
    await confirm(h);
    expect(item(h).isPlaying).toBe(false);
    expect(await h.service.togglePlay()).toEqual({ ok: true, value: null });
    expect(h.sim.control.state().isPlaying).toBe(true);
  });

  it('bug 8: with Spotify’s apply lag, a read right after a 204 does not flip the display back', async () => {
    const h = await started({ scenario: { commandLagMs: 300 } });
    await h.clock.advance(5_000);
    const shown: boolean[] = [];
    h.service.onChange(() => {
      const np = h.service.getState().nowPlaying;
      if (np.kind === 'item') shown.push(np.isPlaying);
    });
    expect(await h.service.togglePlay()).toEqual({ ok: true, value: null });
    await h.clock.advance(100);
    h.service.setVisibility('tray');
    h.service.setVisibility('window');
    for (let i = 0; i < 30; i += 1) await h.clock.advance(500);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((playing) => !playing)).toBe(true);
    expect(item(h).isPlaying).toBe(false);
  });

  it('next and previous', async () => {
    const h = await started();
    const first = item(h).item.uri;
    expect(await h.service.next()).toEqual({ ok: true, value: null });
    await confirm(h);
    const second = item(h).item.uri;
    expect(second).not.toBe(first);
    expect(second).toBe(h.sim.control.state().itemUri);
    expect(await h.service.previous()).toEqual({ ok: true, value: null });
    await confirm(h);
    expect(item(h).item.uri).toBe(first);
  });

  it('next pressed five times while a request is slow', async () => {
    const h = await started();
    h.sim.control.injectFault({ latencyMs: 300 });
    const presses = Array.from({ length: 5 }, () => h.service.next());
    for (let i = 0; i < 50; i += 1) await h.clock.advance(100);
    expect((await Promise.all(presses)).every((r) => r.ok)).toBe(true);
    expect(paths(h).filter((p) => p === 'POST /me/player/next')).toHaveLength(5);
    expect(h.sim.control.events().filter((e) => e.kind === 'track-change' && e.source === 'api')).toHaveLength(5);
    expect(item(h).item.uri).toBe(h.sim.control.state().itemUri);
  });

  it('seek, volume, shuffle, repeat', async () => {
    const h = await started();
    expect(await h.service.seek(42_000)).toEqual({ ok: true, value: null });
    expect(h.sim.control.state().progressMs).toBe(42_000);
    expect(await h.service.setVolume(33)).toEqual({ ok: true, value: null });
    expect(await h.service.setShuffle(true)).toEqual({ ok: true, value: null });
    expect(await h.service.cycleRepeat()).toEqual({ ok: true, value: null });
    const world = h.sim.control.state();
    expect(world.devices.find((d) => d.id === COMPUTER_ID)?.volumePercent).toBe(33);
    expect(world.shuffle).toBe(true);
    expect(world.repeat).toBe('context');
    await confirm(h);
    expect(progressAt(item(h), h.clock.now())).toBe(43_000);
    expect(item(h)).toMatchObject({ shuffle: true, repeat: 'context', device: { volumePercent: 33 } });
    expect(await h.service.cycleRepeat()).toEqual({ ok: true, value: null });
    expect(await h.service.cycleRepeat()).toEqual({ ok: true, value: null });
    expect(h.sim.control.state().repeat).toBe('off');
  });

  it('like and unlike through /me/library', async () => {
    const h = await started();
    const uri = item(h).item.uri;
    expect(await h.service.setLiked(true)).toEqual({ ok: true, value: null });
    expect(h.sim.control.state().saved).toContain(uri);
    expect(item(h).liked).toBe(true);
    await confirm(h);
    expect(item(h).liked).toBe(true);
    expect(await h.service.setLiked(false)).toEqual({ ok: true, value: null });
    expect(h.sim.control.state().saved).not.toContain(uri);
    expect(paths(h)).toContain('PUT /me/library');
    expect(paths(h)).toContain('DELETE /me/library');
  });

  it('lists devices and transfers', async () => {
    const h = await started();
    const devices = await h.service.listDevices();
    expect(devices.ok && devices.value.map((d) => d.id)).toEqual([COMPUTER_ID, PHONE_ID, SPEAKER_ID, RESTRICTED_ID]);
    const transferring = h.service.transfer(PHONE_ID);
    expect(item(h).device).toMatchObject({ id: PHONE_ID, name: 'Pocket Phone' });
    expect(await transferring).toEqual({ ok: true, value: null });
    expect(h.sim.control.state().activeDeviceId).toBe(PHONE_ID);
    await confirm(h);
    expect(item(h).device.id).toBe(PHONE_ID);
  });

  it('refuses volume on a device without volume control, without a request', async () => {
    const h = await started();
    h.sim.control.externalAction({ type: 'transfer', deviceId: SPEAKER_ID });
    h.service.wake('window-shown');
    await h.clock.advance(1_000);
    expect(item(h).disallows).toContain('volume');
    const before = h.requests.length;
    expect(await h.service.setVolume(10)).toMatchObject({ ok: false, error: { code: 'volume_not_controllable' } });
    expect(h.requests).toHaveLength(before);
  });

  it('maps a restricted device to restricted and rolls back', async () => {
    const h = await started();
    expect(await h.service.transfer(RESTRICTED_ID)).toMatchObject({ ok: false, error: { code: 'restricted' } });
    expect(item(h).device.id).toBe(COMPUTER_ID);
  });

  it('returns a server error for 5xx and a network error for resets, rolling back', async () => {
    const h = await started();
    h.sim.control.injectFault({ serverErrors: { count: 1, status: 503 } });
    expect(await h.service.setShuffle(true)).toMatchObject({ ok: false, error: { code: 'server' } });
    expect(item(h).shuffle).toBe(false);
    h.sim.control.injectFault({ resets: 1 });
    expect(await h.service.setShuffle(true)).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(item(h).shuffle).toBe(false);
  });

  it('survives an expired access token (401 → refresh → retry in the authorized fetch)', async () => {
    const h = await started({ scenario: { accessTokenLifetimeSec: 60 } });
    await h.clock.advance(120_000);
    expect(await h.service.next()).toEqual({ ok: true, value: null });
    expect(h.tokens.refreshes).toBeGreaterThanOrEqual(1);
  });

  it('honours a rate-limit storm: error with retryAt, then silence until it passes', async () => {
    const h = await started();
    h.sim.control.injectFault({ rateLimitStorm: { retryAfterSec: 30, count: 100 } });
    const result = await h.service.next();
    expect(result).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAt: h.clock.now() + 30_000 } });
    const before = h.requests.length;
    await h.clock.advance(29_999);
    expect(h.requests).toHaveLength(before);
    // Playback went on: the display still shows the track.
    expect(h.service.getState().nowPlaying.kind).toBe('item');
    h.sim.control.clearFaults();
    await h.clock.advance(1);
    expect(h.requests.length).toBeGreaterThan(before);
  });

  it('shows quota exhaustion and stops polling', async () => {
    const h = await started();
    h.sim.control.injectFault({ quotaExhausted: true });
    await h.clock.advance(10_000);
    // The last state stays, flagged as possibly stale until the long backoff ends.
    expect(h.service.getState()).toMatchObject({
      nowPlaying: { kind: 'item' },
      notice: { kind: 'quotaExceeded', retryAt: h.clock.now() + POLICY.quotaBackoffMs },
    });
    const before = h.requests.length;
    await h.clock.advance(15 * 60_000);
    expect(h.requests).toHaveLength(before);
    h.sim.control.clearFaults();
    expect(await h.service.next()).toEqual({ ok: true, value: null });
    await confirm(h);
    expect(h.service.getState()).toMatchObject({ nowPlaying: { kind: 'item' }, notice: null });
  });

  it('with nothing known yet, quota exhaustion says so in place of the item', async () => {
    const clock = new ManualClock();
    const h = await createSimHarness({ clock });
    h.sim.control.injectFault({ quotaExhausted: true });
    h.service.start();
    await clock.advance(0);
    expect(h.service.getState()).toMatchObject({ nowPlaying: { kind: 'unavailable', reason: 'quotaExceeded' }, notice: null });
  });

  it('flags the last state as stale during a read rate limit, and clears it on the next good read', async () => {
    const h = await started();
    h.sim.control.injectFault({ rateLimitStorm: { retryAfterSec: 30, count: 1 } });
    await h.clock.advance(POLICY.windowPlayingMs);
    const retryAt = h.clock.now() + 30_000;
    expect(h.service.getState()).toMatchObject({ nowPlaying: { kind: 'item' }, notice: { kind: 'rateLimited', retryAt } });
    await h.clock.advance(30_000);
    expect(h.service.getState()).toMatchObject({ nowPlaying: { kind: 'item' }, notice: null });
  });

  it('flags server errors as stale and resets as offline before the switch to unavailable', async () => {
    const h = await started();
    h.sim.control.injectFault({ serverErrors: { count: 1, status: 502 } });
    await h.clock.advance(POLICY.windowPlayingMs);
    expect(h.service.getState()).toMatchObject({ nowPlaying: { kind: 'item' }, notice: { kind: 'stale', retryAt: h.clock.now() + POLICY.retryBaseMs } });
    h.sim.control.injectFault({ resets: 1 });
    await h.clock.advance(POLICY.retryBaseMs);
    expect(h.service.getState()).toMatchObject({ nowPlaying: { kind: 'item' }, notice: { kind: 'offline' } });
    await h.clock.advance(2 * POLICY.retryBaseMs);
    expect(h.service.getState()).toMatchObject({ nowPlaying: { kind: 'item' }, notice: null });
    expect(item(h).item.uri).toBe(h.sim.control.state().itemUri);
  });

  it('stops polling while Spotify refuses the app itself, and looks again when the user acts', async () => {
    const h = await started();
    h.sim.control.setScenario({ ownerPremium: false });
    await h.clock.advance(POLICY.windowPlayingMs + 1_000);
    const shown = h.service.getState().nowPlaying;
    // The code lets both windows show the dashboard fix without reading the message.
    expect(shown).toMatchObject({ kind: 'unavailable', reason: 'error', code: 'app_not_authorized', retryAt: null });
    expect(shown.kind === 'unavailable' && shown.message).toMatch(/dashboard/i);
    const before = h.requests.length;
    await h.clock.advance(30 * 60_000);
    expect(h.requests.length).toBe(before);
    // A command is refused without a request, and asks for one check read.
    const reply = await h.service.next();
    expect(!reply.ok && reply.error.code).toBe('app_not_authorized');
    await h.clock.advance(1_000);
    expect(paths(h, before)).toEqual(['GET /me/player']);
    // Fixed in the dashboard; the user opens the window.
    h.sim.control.setScenario({ ownerPremium: true });
    h.service.wake('window-shown');
    await h.clock.advance(1_000);
    expect(h.service.getState().nowPlaying.kind).toBe('item');
  });

  it('forgets the old account when the account changes, and turns controls off at once on sign-out', async () => {
    const h = await started();
    expect(item(h).item.uri).toBe(h.sim.control.state().itemUri);
    h.service.accountChanged(false);
    expect(h.service.getState().controls.readOnly).toBe(true);
    expect(h.service.getState().nowPlaying).toMatchObject({ kind: 'unavailable', reason: 'signedOut' });
    const before = h.requests.length;
    const reply = await h.service.next();
    expect(!reply.ok && reply.error.code).toBe('not_signed_in');
    expect(h.requests.length).toBe(before);
    // Another account signs in: nothing of the old one shows while the first read runs.
    h.service.accountChanged(true);
    expect(h.service.getState().nowPlaying).toMatchObject({ kind: 'unavailable', reason: 'loading' });
    expect(h.service.getState().controls.readOnly).toBe(false);
    await h.clock.advance(1_000);
    expect(item(h).item.uri).toBe(h.sim.control.state().itemUri);
  });

  it('looks again at once after a system sleep (overdue timer, then wake)', async () => {
    const h = await started({ visibility: 'tray' });
    const before = h.requests.length;
    await h.clock.jump(3 * 3_600_000);
    h.service.wake('resume');
    await h.clock.advance(1_000);
    // One overdue fetch on wake-up (the wake inside the minimum gap is folded into it), then the cadence.
    expect(paths(h, before).filter((p) => p === 'GET /me/player').length).toBeLessThanOrEqual(2);
    expect(item(h).item.uri).toBe(h.sim.control.state().itemUri);
  });

  it('says it is rate-limited when nothing is known yet, and recovers', async () => {
    const clock = new ManualClock();
    const h = await createSimHarness({ clock });
    h.sim.control.injectFault({ rateLimitStorm: { retryAfterSec: 12, count: 1 } });
    h.service.start();
    await clock.advance(0);
    expect(h.service.getState().nowPlaying).toMatchObject({ kind: 'unavailable', reason: 'rateLimited', retryAt: clock.now() + 12_000 });
    await clock.advance(12_000);
    expect(h.service.getState().nowPlaying.kind).toBe('item');
  });

  it('goes from an ad back to the track without freezing', async () => {
    const h = await started();
    h.sim.control.setPlaying('ad');
    await h.clock.advance(10_000);
    expect(h.service.getState().nowPlaying.kind).toBe('ad');
    // The simulated ad lasts 30 s; the window cadence picks up what follows.
    await h.clock.advance(31_000);
    expect(item(h).item.uri).toBe(h.sim.control.state().itemUri);
  });

  describe('no active device', () => {
    it('wakes the last-used device and repeats the command', async () => {
      const h = await started();
      h.sim.control.externalAction({ type: 'disconnect' });
      const before = h.requests.length;
      expect(await h.service.togglePlay()).toEqual({ ok: true, value: null });
      expect(paths(h, before)).toEqual(['PUT /me/player/pause', 'GET /me/player/devices', 'PUT /me/player', 'PUT /me/player/pause']);
      expect(h.sim.control.state().activeDeviceId).toBe(COMPUTER_ID);
    });

    it('plays on the last-used device with one transfer', async () => {
      const h = await started();
      h.sim.control.externalAction({ type: 'disconnect' });
      h.service.wake('window-shown');
      await h.clock.advance(1_000);
      expect(h.service.getState().nowPlaying).toEqual({ kind: 'idle' });
      const before = h.requests.length;
      expect(await h.service.togglePlay()).toEqual({ ok: true, value: null });
      expect(paths(h, before)).toEqual(['PUT /me/player/play', 'GET /me/player/devices', 'PUT /me/player']);
      expect(h.sim.control.state()).toMatchObject({ activeDeviceId: COMPUTER_ID, isPlaying: true });
    });

    it('the first Play after picking a device plays there (transfer with play while nothing played)', async () => {
      const h = await started({ scenario: { startPlaying: false } });
      const asked = await h.service.togglePlay();
      expect(asked).toMatchObject({ ok: false, error: { code: 'no_active_device' } });
      await h.service.listDevices();
      expect(await h.service.transfer(PHONE_ID, true)).toEqual({ ok: true, value: null });
      expect(h.sim.control.state()).toMatchObject({ activeDeviceId: PHONE_ID, isPlaying: true });
      await confirm(h);
      expect(item(h)).toMatchObject({ isPlaying: true, device: { id: PHONE_ID } });
    });

    it('returns the device list when there is no obvious choice', async () => {
      const h = await started({ scenario: { startPlaying: false } });
      expect(h.service.getState().nowPlaying).toEqual({ kind: 'idle' });
      const result = await h.service.togglePlay();
      expect(result).toMatchObject({ ok: false, error: { code: 'no_active_device' } });
      if (result.ok) return;
      expect(result.error.devices?.map((d) => d.id)).toEqual([COMPUTER_ID, PHONE_ID, SPEAKER_ID]);
    });
  });

  describe('Free account', () => {
    it('switches to read-only on PREMIUM_REQUIRED; now-playing and liking keep working', async () => {
      const h = await started({ scenario: { product: 'free' } });
      expect(item(h).isPlaying).toBe(true);
      expect(await h.service.togglePlay()).toMatchObject({ ok: false, error: { code: 'premium_required' } });
      expect(h.service.getState().controls).toEqual({
        readOnly: true,
        readOnlyReason: 'Controlling playback needs Spotify Premium. Now playing still works.',
      });
      // Rolled back.
      expect(item(h).isPlaying).toBe(true);
      const before = h.requests.length;
      expect(await h.service.next()).toMatchObject({ ok: false, error: { code: 'read_only' } });
      expect(h.requests).toHaveLength(before);
      expect(await h.service.setLiked(true)).toEqual({ ok: true, value: null });
      await h.clock.advance(60_000);
      expect(item(h).item.uri).toBe(h.sim.control.state().itemUri);
    });
  });

  describe('what is playing', () => {
    it('an episode shows its show, without liked', async () => {
      const h = await started();
      h.sim.control.setPlaying('episode');
      h.service.wake('window-shown');
      await h.clock.advance(1_000);
      const np = item(h);
      expect(np.item.type).toBe('episode');
      expect(np.item.type === 'episode' && np.item.show.length).toBeGreaterThan(0);
      expect(np.liked).toBeNull();
    });

    it('an ad shows as an ad, and next is refused with a reason', async () => {
      const h = await started();
      h.sim.control.setPlaying('ad');
      h.service.wake('window-shown');
      await h.clock.advance(1_000);
      expect(h.service.getState().nowPlaying).toMatchObject({ kind: 'ad', isPlaying: true });
      expect(await h.service.next()).toMatchObject({ ok: false, error: { code: 'restricted' } });
      expect(await h.service.setLiked(true)).toMatchObject({ ok: false, error: { code: 'restricted' } });
    });

    it('a local file shows without art and never asks the library', async () => {
      const h = await started();
      h.sim.control.setPlaying('local');
      h.service.wake('window-shown');
      await h.clock.advance(1_000);
      expect(item(h)).toMatchObject({ item: { type: 'track', isLocal: true, artUrl: null }, liked: null });
      expect(paths(h).filter((p) => p === 'GET /me/library/contains')).toHaveLength(1);
    });

    it('nothing playing shows idle and polls slowly', async () => {
      const h = await started({ visibility: 'tray' });
      h.sim.control.setPlaying('nothing');
      h.service.wake('online');
      await h.clock.advance(1_000);
      expect(h.service.getState().nowPlaying).toEqual({ kind: 'idle' });
      const before = h.requests.length;
      await h.clock.advance(600_000);
      expect(h.requests.length - before).toBe(10);
    });

    it('a private session shows its device and keeps the transport controls', async () => {
      const h = await started();
      const deviceId = h.sim.control.state().activeDeviceId ?? COMPUTER_ID;
      h.sim.control.externalAction({ type: 'privateSession', deviceId, on: true });
      h.service.wake('window-shown');
      await h.clock.advance(1_000);
      const shown = h.service.getState().nowPlaying;
      if (shown.kind !== 'private') throw new Error(`expected private, got ${shown.kind}`);
      expect(shown).toMatchObject({ isPlaying: true, device: { id: deviceId, isPrivateSession: true } });
      // Spotify's disallows still apply: playing, so resuming is the disallowed one.
      expect(shown.disallows).toContain('resume');
      expect(shown.disallows).not.toContain('pause');
      expect(h.service.getState().notice).toBeNull();

      // Pause shows at once and is confirmed by the simulator; next still skips on the device.
      const before = h.sim.control.state().itemUri;
      expect(await h.service.togglePlay()).toEqual({ ok: true, value: null });
      expect(h.service.getState().nowPlaying).toMatchObject({ kind: 'private', isPlaying: false });
      expect(h.sim.control.state().isPlaying).toBe(false);
      expect(await h.service.next()).toEqual({ ok: true, value: null });
      expect(h.sim.control.state().itemUri).not.toBe(before);
      await confirm(h);
      expect(h.service.getState().nowPlaying.kind).toBe('private');

      // Leaving the private session brings the item back.
      h.sim.control.externalAction({ type: 'privateSession', deviceId, on: false });
      h.service.wake('window-shown');
      await h.clock.advance(1_000);
      expect(item(h).item.uri).toBe(h.sim.control.state().itemUri);
    });
  });
});
