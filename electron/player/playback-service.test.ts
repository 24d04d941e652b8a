import { describe, expect, it } from 'vitest';

import type { AccessTokenSource } from '../ports/access-token';
import type { SpotifyError } from '../spotify/api-errors';
import type { ApiPlaybackState } from '../spotify/schemas';
import type { ApiResult, PlaybackSnapshot } from '../spotify/web-api-client';
import { ManualClock, settle } from '../testing/manual-clock';

import { NOTICE_MESSAGES } from './notice';
import { PlaybackService } from './playback-service';
import type { PlayerApi } from './player-api';
import { POLICY } from './refresh-policy';

// The service over a scripted API: every call waits until the test answers it, so in-flight behaviour
// (optimistic state, rollback, coalescing) is observable step by step.

interface Call {
  readonly method: string;
  readonly args: unknown[];
  answer(result: ApiResult<unknown>): Promise<void>;
}

const OK = { ok: true as const, value: null };
const fail = (error: SpotifyError): ApiResult<never> => ({ ok: false, error });

function apiState(patch: Partial<ApiPlaybackState> = {}): ApiPlaybackState {
  return {
    device: { id: 'd1', name: 'Laptop', type: 'Computer', is_active: true, supports_volume: true, volume_percent: 50 },
    repeat_state: 'off',
    shuffle_state: false,
    progress_ms: 10_000,
    is_playing: true,
    currently_playing_type: 'track',
    item: { type: 'track', uri: 'spotify:track:a', name: 'A', duration_ms: 200_000, artists: [{ name: 'X' }], album: { name: 'Al', images: [] } },
    actions: { disallows: {} },
    ...patch,
  };
}

function scripted(clock: ManualClock) {
  const calls: Call[] = [];
  const record =
    (method: string) =>
    (...args: unknown[]): Promise<ApiResult<never>> =>
      new Promise((resolve) => {
        calls.push({
          method,
          args,
          answer: async (result) => {
            resolve(result as ApiResult<never>);
            await settle();
          },
        });
      });
  const api = {
    getPlaybackState: record('getPlaybackState'),
    getDevices: record('getDevices'),
    play: record('play'),
    pause: record('pause'),
    next: record('next'),
    previous: record('previous'),
    seek: record('seek'),
    setVolume: record('setVolume'),
    setShuffle: record('setShuffle'),
    setRepeat: record('setRepeat'),
    transfer: record('transfer'),
    libraryContains: record('libraryContains'),
    saveToLibrary: record('saveToLibrary'),
    removeFromLibrary: record('removeFromLibrary'),
  } as unknown as PlayerApi;
  const snapshot = (state: ApiPlaybackState | null): ApiResult<PlaybackSnapshot> => ({
    ok: true,
    value: { state, observedAt: clock.now(), startedAt: clock.now() },
  });
  const last = (method: string): Call => {
    const call = calls.filter((c) => c.method === method).at(-1);
    if (!call) throw new Error(`no ${method} call`);
    return call;
  };
  return { api, calls, snapshot, last, methods: () => calls.map((c) => c.method) };
}

const signedIn: AccessTokenSource = {
  getAccessToken: () => Promise.resolve({ ok: true, value: 't' }),
  refreshAfterUnauthorized: () => Promise.resolve({ ok: true, value: 't' }),
};

async function setup(state = apiState()) {
  const clock = new ManualClock();
  const s = scripted(clock);
  const service = new PlaybackService({ api: s.api, tokens: signedIn, clock, visibility: 'window' });
  service.start();
  await clock.advance(0);
  await s.last('getPlaybackState').answer(s.snapshot(state));
  await s.last('libraryContains').answer({ ok: true, value: [false] });
  return { clock, service, ...s };
}

const item = (service: PlaybackService) => {
  const np = service.getState().nowPlaying;
  if (np.kind !== 'item') throw new Error(`expected an item, got ${np.kind}`);
  return np;
};

describe('PlaybackService (scripted API)', () => {
  it('applies a command at once and keeps it over a poll that raced it', async () => {
    const { service, clock, last } = await setup();
    const changes: number[] = [];
    service.onChange(() => changes.push(clock.now()));
    const result = service.setShuffle(true);
    expect(item(service).shuffle).toBe(true);
    expect(changes).toHaveLength(1);
    // A poll answered while the command is in flight must not flip the button back.
    void service.refresh();
    await settle();
    await last('getPlaybackState').answer({ ok: true, value: { state: apiState({ shuffle_state: false }), observedAt: clock.now(), startedAt: clock.now() } });
    expect(item(service).shuffle).toBe(true);
    await last('setShuffle').answer(OK);
    expect(await result).toEqual({ ok: true, value: null });
  });

  it('confirms a command with a fetch shortly after it, then trusts the observation', async () => {
    const { service, clock, last, snapshot, methods } = await setup();
    const result = service.setShuffle(true);
    await last('setShuffle').answer(OK);
    await result;
    expect(service.currentPlan()).toMatchObject({ reason: 'confirm-command' });
    await clock.advance(700);
    expect(methods().at(-1)).toBe('getPlaybackState');
    // Spotify says shuffle is off after all (changed elsewhere): the observation wins.
    await last('getPlaybackState').answer(snapshot(apiState({ shuffle_state: false })));
    expect(item(service).shuffle).toBe(false);
  });

  it('rolls back a failed command and returns a typed error', async () => {
    const { service, last } = await setup();
    const before = service.getState();
    const result = service.cycleRepeat();
    expect(item(service).repeat).toBe('context');
    await last('setRepeat').answer(fail({ kind: 'restricted', reason: 'CONTEXT_DISALLOW', rawReason: 'CONTEXT_DISALLOW' }));
    expect(await result).toMatchObject({ ok: false, error: { code: 'restricted' } });
    expect(service.getState()).toEqual(before);
  });

  it('rolls back only the failed command, not a later one', async () => {
    const { service, last } = await setup();
    const volume = service.setVolume(80);
    const shuffle = service.setShuffle(true);
    await last('setVolume').answer(fail({ kind: 'volume_not_controllable' }));
    expect(await volume).toMatchObject({ ok: false, error: { code: 'volume_not_controllable' } });
    expect(item(service)).toMatchObject({ shuffle: true, device: { volumePercent: 50 } });
    await last('setShuffle').answer(OK);
    expect(await shuffle).toEqual({ ok: true, value: null });
  });

  it('coalesces a volume drag: one request in flight, then only the last value', async () => {
    const { service, calls, last } = await setup();
    const results = [10, 20, 30, 40, 55].map((v) => service.setVolume(v));
    expect(item(service).device.volumePercent).toBe(55);
    expect(calls.filter((c) => c.method === 'setVolume').map((c) => c.args[0])).toEqual([10]);
    await last('setVolume').answer(OK);
    expect(calls.filter((c) => c.method === 'setVolume').map((c) => c.args[0])).toEqual([10, 55]);
    await last('setVolume').answer(OK);
    expect((await Promise.all(results)).every((r) => r.ok)).toBe(true);
  });

  it('collapses play/pause presses by parity', async () => {
    const { service, calls, last } = await setup();
    const presses = [service.togglePlay(), service.togglePlay(), service.togglePlay()];
    // Three presses: paused.
    expect(item(service).isPlaying).toBe(false);
    await last('pause').answer(OK);
    await last('pause').answer(OK);
    await Promise.all(presses);
    expect(calls.filter((c) => ['play', 'pause'].includes(c.method)).map((c) => c.method)).toEqual(['pause', 'pause']);
    expect(item(service).isPlaying).toBe(false);
  });

  it('sends next presses in order, dropping presses beyond the cap', async () => {
    const { service, calls, last } = await setup();
    const presses = Array.from({ length: 8 }, () => service.next());
    for (let i = 0; i < 5; i += 1) await last('next').answer(OK);
    expect(calls.filter((c) => c.method === 'next')).toHaveLength(5);
    expect((await Promise.all(presses)).every((r) => r.ok)).toBe(true);
  });

  it('treats ALREADY_PAUSED on pause as done', async () => {
    const { service, last } = await setup();
    const result = service.togglePlay();
    await last('pause').answer(fail({ kind: 'restricted', reason: 'ALREADY_PAUSED', rawReason: 'ALREADY_PAUSED' }));
    expect(await result).toEqual({ ok: true, value: null });
    expect(item(service).isPlaying).toBe(false);
  });

  it('refuses volume without a request where the device cannot do it', async () => {
    const { service, methods } = await setup(
      apiState({ device: { id: 's', name: 'Speaker', type: 'Speaker', is_active: true, supports_volume: false, volume_percent: 100 } }),
    );
    const before = methods().length;
    expect(await service.setVolume(30)).toMatchObject({ ok: false, error: { code: 'volume_not_controllable' } });
    expect(methods()).toHaveLength(before);
  });

  it('stays silent for Retry-After after a 429 on a command, and says when to retry', async () => {
    const { service, clock, last, methods } = await setup();
    const result = service.next();
    await last('next').answer(fail({ kind: 'rate_limited', retryAfterMs: 20_000, retryAt: clock.now() + 20_000 }));
    expect(await result).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAt: clock.now() + 20_000 } });
    const count = methods().length;
    expect(await service.previous()).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    await clock.advance(19_999);
    expect(methods()).toHaveLength(count);
    await clock.advance(1);
    expect(methods().at(-1)).toBe('getPlaybackState');
  });

  it('backs off long on QUOTA_EXCEEDED and probes again when the user acts', async () => {
    const { service, clock, last, methods } = await setup();
    await clock.advance(10_000);
    await last('getPlaybackState').answer(fail({ kind: 'quota_exceeded' }));
    // The last state keeps showing, with a notice saying it may be stale and when the backoff ends.
    expect(service.getState()).toMatchObject({
      nowPlaying: { kind: 'item' },
      notice: { kind: 'quotaExceeded', retryAt: clock.now() + POLICY.quotaBackoffMs },
    });
    const count = methods().length;
    await clock.advance(20 * 60_000);
    expect(methods()).toHaveLength(count);
    service.wake('resume');
    await clock.advance(0);
    // A system resume is not the user acting: still silent.
    expect(methods()).toHaveLength(count);
    service.wake('window-shown');
    await clock.advance(0);
    // Exactly one new request, and it is the probe read (the last call was a read before the wake too).
    expect(methods()).toHaveLength(count + 1);
    expect(methods().at(-1)).toBe('getPlaybackState');
  });

  it('keeps the last state through a network blip, then says offline', async () => {
    const { service, clock, last } = await setup();
    for (let i = 0; i < 2; i += 1) {
      await clock.advance(60_000);
      await last('getPlaybackState').answer(fail({ kind: 'network', detail: 'ECONNRESET' }));
      expect(service.getState().nowPlaying.kind).toBe('item');
    }
    await clock.advance(60_000);
    await last('getPlaybackState').answer(fail({ kind: 'timeout', afterMs: 5000 }));
    expect(service.getState().nowPlaying).toMatchObject({ kind: 'unavailable', reason: 'offline' });
  });

  it('sends nothing while signed out, and looks again when auth changes', async () => {
    const clock = new ManualClock();
    const s = scripted(clock);
    let token: string | null = null;
    const tokens: AccessTokenSource = {
      getAccessToken: () =>
        Promise.resolve(token ? { ok: true, value: token } : { ok: false, error: { code: 'not_signed_in', message: 'no' } }),
      refreshAfterUnauthorized: () => Promise.resolve({ ok: false, error: { code: 'not_signed_in', message: 'no' } }),
    };
    const service = new PlaybackService({ api: s.api, tokens, clock });
    service.start();
    await clock.advance(3_600_000);
    expect(s.calls).toHaveLength(0);
    expect(service.getState()).toEqual({
      nowPlaying: { kind: 'unavailable', reason: 'signedOut', message: 'Not signed in to Spotify.', retryAt: null },
      controls: { readOnly: true, readOnlyReason: 'Sign in to Spotify to use the controls.' },
      notice: null,
    });
    expect(await service.next()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await service.listDevices()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(s.calls).toHaveLength(0);
    token = 'tok';
    service.wake('auth-changed');
    await clock.advance(0);
    expect(s.methods()).toEqual(['getPlaybackState']);
  });

  it('keeps one timer at a time', async () => {
    const { clock, service } = await setup();
    service.setVisibility('tray');
    service.setVisibility('window');
    await clock.advance(0);
    // One planned fetch (and nothing else waiting on the clock).
    expect(clock.pending).toBeLessThanOrEqual(1);
  });
});

describe('PlaybackService stale-state notice', () => {
  it('says Spotify asked to slow down while a 429 keeps the last state, and clears on the next good read', async () => {
    const { service, clock, last, snapshot } = await setup();
    expect(service.getState().notice).toBeNull();
    await clock.advance(10_000);
    const retryAt = clock.now() + 20_000;
    await last('getPlaybackState').answer(fail({ kind: 'rate_limited', retryAfterMs: 20_000, retryAt }));
    expect(service.getState().nowPlaying.kind).toBe('item');
    expect(service.getState().notice).toEqual({ kind: 'rateLimited', message: NOTICE_MESSAGES.rateLimited, retryAt });
    // Displays count down themselves: the message carries no number.
    expect(service.getState().notice?.message).not.toMatch(/\d/);
    await clock.advance(20_000);
    await last('getPlaybackState').answer(snapshot(apiState()));
    expect(service.getState().notice).toBeNull();
  });

  it('promises the next planned read, not Retry-After’s end, and follows the plan when it moves', async () => {
    const { service, clock, last } = await setup();
    await clock.advance(POLICY.windowPlayingMs);
    const readAt = clock.now();
    await last('getPlaybackState').answer(fail({ kind: 'rate_limited', retryAfterMs: 3_000, retryAt: readAt + 3_000 }));
    // A short Retry-After: the policy keeps its cadence, so that is when Trayplay looks again.
    expect(service.getState().notice).toMatchObject({ kind: 'rateLimited', retryAt: readAt + POLICY.windowPlayingMs });
    expect(service.currentPlan()?.at).toBe(readAt + POLICY.windowPlayingMs);
    // Opening the window asks for a look as soon as Retry-After allows: the countdown shortens with it.
    service.wake('window-shown');
    expect(service.getState().notice).toMatchObject({ kind: 'rateLimited', retryAt: readAt + 3_000 });
    expect(service.currentPlan()?.at).toBe(readAt + 3_000);
  });

  it('says so after a 429 on a command too, until a read after Retry-After', async () => {
    const { service, clock, last, snapshot } = await setup();
    const result = service.next();
    const retryAt = clock.now() + 15_000;
    await last('next').answer(fail({ kind: 'rate_limited', retryAfterMs: 15_000, retryAt }));
    await result;
    expect(service.getState().notice).toMatchObject({ kind: 'rateLimited', retryAt });
    await clock.advance(15_000);
    await last('getPlaybackState').answer(snapshot(apiState()));
    expect(service.getState().notice).toBeNull();
  });

  it('says offline for network blips and stale for server errors, with the retry time, until a good read', async () => {
    const { service, clock, last, snapshot } = await setup();
    await clock.advance(10_000);
    const firstFailAt = clock.now();
    await last('getPlaybackState').answer(fail({ kind: 'network', detail: 'ECONNRESET' }));
    expect(service.getState()).toMatchObject({
      nowPlaying: { kind: 'item' },
      notice: { kind: 'offline', message: NOTICE_MESSAGES.offline, retryAt: firstFailAt + POLICY.retryBaseMs },
    });
    await clock.advance(POLICY.retryBaseMs);
    const secondFailAt = clock.now();
    await last('getPlaybackState').answer(fail({ kind: 'server', status: 503 }));
    expect(service.getState().notice).toEqual({ kind: 'stale', message: NOTICE_MESSAGES.stale, retryAt: secondFailAt + 2 * POLICY.retryBaseMs });
    await clock.advance(2 * POLICY.retryBaseMs);
    await last('getPlaybackState').answer(snapshot(apiState()));
    expect(service.getState()).toMatchObject({ nowPlaying: { kind: 'item' }, notice: null });
  });

  it('gives way to the unavailable state after three failures in a row (which says it itself)', async () => {
    const { service, clock, last } = await setup();
    for (let i = 0; i < 3; i += 1) {
      await clock.advance(60_000);
      await last('getPlaybackState').answer(fail({ kind: 'network', detail: 'ECONNRESET' }));
    }
    expect(service.getState()).toMatchObject({ nowPlaying: { kind: 'unavailable', reason: 'offline' }, notice: null });
  });

  it('clears the quota notice when a probe the user started reads well', async () => {
    const { service, clock, last, snapshot } = await setup();
    await clock.advance(10_000);
    await last('getPlaybackState').answer(fail({ kind: 'quota_exceeded' }));
    expect(service.getState().notice).toMatchObject({ kind: 'quotaExceeded', message: NOTICE_MESSAGES.quotaExceeded });
    service.wake('window-shown');
    await clock.advance(1_000);
    await last('getPlaybackState').answer(snapshot(apiState()));
    expect(service.getState().notice).toBeNull();
  });
});
