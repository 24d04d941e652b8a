import { describe, expect, it } from 'vitest';
import { COMPUTER_ID, PHONE_ID, RESTRICTED_ID, SPEAKER_ID } from './index';
import { api, errorOf, harness, login } from './testing/harness';

async function ready(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  const tokens = await login(h.sim);
  return { ...h, token: tokens.access_token, tokens };
}

interface PlayerState {
  device: { id: string; volume_percent: number | null };
  is_playing: boolean;
  progress_ms: number;
  shuffle_state: boolean;
  repeat_state: string;
  item: { uri: string; duration_ms: number; type: string } | null;
  context: { uri: string } | null;
  currently_playing_type: string;
  actions: { disallows: Record<string, boolean> };
}

async function player(sim: ReturnType<typeof harness>['sim'], token: string): Promise<PlayerState> {
  const res = await api(sim, token, 'GET', '/me/player');
  expect(res.status).toBe(200);
  return (await res.json()) as PlayerState;
}

describe('Bearer authentication', () => {
  it('401 for a missing, unknown or expired token, in the Web API error shape', async () => {
    const { sim, clock, token } = await ready();
    for (const t of [null, 'BQnotatoken']) {
      const res = await api(sim, t, 'GET', '/me/player');
      expect(res.status).toBe(401);
      expect(await errorOf(res)).toEqual({ status: 401, message: 'Missing/invalid/expired access token' });
    }
    clock.advance(3600_000);
    expect((await api(sim, token, 'GET', '/me/player')).status).toBe(401);
  });

  it('403 when the token lacks the endpoint’s scope', async () => {
    const { sim } = harness();
    const tokens = await login(sim, ['user-read-playback-state']);
    expect((await api(sim, tokens.access_token, 'GET', '/me/player')).status).toBe(200);
    const res = await api(sim, tokens.access_token, 'PUT', '/me/player/pause');
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ status: 403, message: 'Insufficient client scope' });
  });
});

describe('GET /me', () => {
  it('returns the user without product (removed in development mode)', async () => {
    const { sim, token } = await ready({ scenario: { accountName: 'Ada' } });
    const me = (await (await api(sim, token, 'GET', '/me')).json()) as Record<string, unknown>;
    expect(me.display_name).toBe('Ada');
    expect(me.type).toBe('user');
    expect(me).not.toHaveProperty('product');
    expect(me).not.toHaveProperty('email');
    expect(me).not.toHaveProperty('country');
  });
});

describe('playback state', () => {
  it('GET /me/player and currently-playing answer 204 with an empty body when nothing is active', async () => {
    const { sim, token } = await ready({ scenario: { startPlaying: false } });
    for (const path of ['/me/player', '/me/player/currently-playing']) {
      const res = await api(sim, token, 'GET', path);
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
    }
  });

  it('reports the playing item, device and progress that advances with the clock', async () => {
    const { sim, clock, token } = await ready();
    const a = await player(sim, token);
    expect(a.is_playing).toBe(true);
    expect(a.device.id).toBe(COMPUTER_ID);
    expect(a.item?.type).toBe('track');
    expect(a.currently_playing_type).toBe('track');
    expect(a.context?.uri).toMatch(/^spotify:album:/);
    clock.advance(5000);
    const b = await player(sim, token);
    expect(b.progress_ms - a.progress_ms).toBe(5000);
    const cp = (await (await api(sim, token, 'GET', '/me/player/currently-playing')).json()) as PlayerState;
    expect(cp.item?.uri).toBe(b.item?.uri);
  });

  it('lists the devices: computer, phone, speaker without volume, restricted device', async () => {
    const { sim, token } = await ready();
    const { devices } = (await (await api(sim, token, 'GET', '/me/player/devices')).json()) as { devices: Array<Record<string, unknown>> };
    expect(devices.map((d) => d.type)).toEqual(['Computer', 'Smartphone', 'Speaker', 'TV']);
    expect(devices.find((d) => d.id === SPEAKER_ID)?.supports_volume).toBe(false);
    expect(devices.find((d) => d.id === RESTRICTED_ID)?.is_restricted).toBe(true);
  });
});

describe('player commands', () => {
  it('pause and resume; pausing twice is ALREADY_PAUSED', async () => {
    const { sim, token } = await ready();
    expect((await api(sim, token, 'PUT', '/me/player/pause')).status).toBe(204);
    const paused = await player(sim, token);
    expect(paused.is_playing).toBe(false);
    expect(paused.actions.disallows.pausing).toBe(true);
    const again = await api(sim, token, 'PUT', '/me/player/pause');
    expect(again.status).toBe(403);
    expect((await errorOf(again)).reason).toBe('ALREADY_PAUSED');
    expect((await api(sim, token, 'PUT', '/me/player/play')).status).toBe(204);
    expect((await player(sim, token)).is_playing).toBe(true);
  });

  it('play a context with an offset and position, or a list of uris', async () => {
    const { sim, token } = await ready();
    const playlist = [...(await import('./world/catalogue')).createCatalogue(1).playlists.values()][0]!;
    const res = await api(sim, token, 'PUT', '/me/player/play', { context_uri: `spotify:playlist:${playlist.id}`, offset: { position: 2 }, position_ms: 1000 });
    expect(res.status).toBe(204);
    const s = await player(sim, token);
    expect(s.context?.uri).toBe(`spotify:playlist:${playlist.id}`);
    expect(s.item?.uri).toBe(playlist.trackUris[2]);
    expect(s.progress_ms).toBe(1000);
    const uris = playlist.trackUris.slice(5, 7);
    expect((await api(sim, token, 'PUT', '/me/player/play', { uris, offset: { uri: uris[1] } })).status).toBe(204);
    const t = await player(sim, token);
    expect(t.item?.uri).toBe(uris[1]);
    expect(t.context).toBeNull();
  });

  it('rejects bad play bodies with 400 and unknown tracks with NO_SPECIFIC_TRACK', async () => {
    const { sim, token, base } = await ready();
    const bad = await sim.fetch(`${base}/v1/me/player/play`, { method: 'PUT', headers: { authorization: `Bearer ${token}` }, body: '{"uris": [' });
    expect(await errorOf(bad)).toEqual({ status: 400, message: 'Malformed json' });
    expect((await api(sim, token, 'PUT', '/me/player/play', { uris: ['not-a-uri'] })).status).toBe(400);
    const unknown = await api(sim, token, 'PUT', '/me/player/play', { uris: ['spotify:track:0000000000000000000000'] });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).reason).toBe('NO_SPECIFIC_TRACK');
  });

  it('next and previous move through the context; NO_PREV_TRACK at its start', async () => {
    const { sim, token } = await ready();
    const first = await player(sim, token);
    expect(first.actions.disallows.skipping_prev).toBe(true);
    const prev = await api(sim, token, 'POST', '/me/player/previous');
    expect((await errorOf(prev)).reason).toBe('NO_PREV_TRACK');
    expect((await api(sim, token, 'POST', '/me/player/next')).status).toBe(204);
    const second = await player(sim, token);
    expect(second.item?.uri).not.toBe(first.item?.uri);
    expect((await api(sim, token, 'POST', '/me/player/previous')).status).toBe(204);
    expect((await player(sim, token)).item?.uri).toBe(first.item?.uri);
  });

  it('seek sets the position; past the end skips to the next track', async () => {
    const { sim, token } = await ready();
    expect((await api(sim, token, 'PUT', '/me/player/seek?position_ms=42000')).status).toBe(204);
    const s = await player(sim, token);
    expect(s.progress_ms).toBe(42000);
    expect((await api(sim, token, 'PUT', `/me/player/seek?position_ms=${s.item!.duration_ms + 10}`)).status).toBe(204);
    const t = await player(sim, token);
    expect(t.item?.uri).not.toBe(s.item?.uri);
    expect(t.progress_ms).toBe(0);
    expect((await api(sim, token, 'PUT', '/me/player/seek?position_ms=-1')).status).toBe(400);
    expect((await api(sim, token, 'PUT', '/me/player/seek')).status).toBe(400);
  });

  it('volume, shuffle and repeat; VOLUME_CONTROL_DISALLOW on the speaker', async () => {
    const { sim, token } = await ready();
    expect((await api(sim, token, 'PUT', '/me/player/volume?volume_percent=30')).status).toBe(204);
    expect((await player(sim, token)).device.volume_percent).toBe(30);
    expect((await api(sim, token, 'PUT', '/me/player/volume?volume_percent=101')).status).toBe(400);
    expect((await api(sim, token, 'PUT', '/me/player/shuffle?state=true')).status).toBe(204);
    expect((await api(sim, token, 'PUT', '/me/player/repeat?state=context')).status).toBe(204);
    const s = await player(sim, token);
    expect(s.shuffle_state).toBe(true);
    expect(s.repeat_state).toBe('context');
    expect((await api(sim, token, 'PUT', '/me/player/repeat?state=sometimes')).status).toBe(400);
    expect((await api(sim, token, 'PUT', `/me/player/volume?volume_percent=50&device_id=${SPEAKER_ID}`)).status).toBe(403);
    sim.control.externalAction({ type: 'transfer', deviceId: SPEAKER_ID });
    const res = await api(sim, token, 'PUT', '/me/player/volume?volume_percent=50');
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ status: 403, message: 'Player command failed: Cannot control device volume', reason: 'VOLUME_CONTROL_DISALLOW' });
  });

  it('transfer: one device id, keeps the play state unless play is given', async () => {
    const { sim, token } = await ready();
    expect((await api(sim, token, 'PUT', '/me/player', { device_ids: [PHONE_ID, COMPUTER_ID] })).status).toBe(400);
    expect((await api(sim, token, 'PUT', '/me/player', { device_ids: ['nope'] })).status).toBe(404);
    await api(sim, token, 'PUT', '/me/player/pause');
    expect((await api(sim, token, 'PUT', '/me/player', { device_ids: [PHONE_ID] })).status).toBe(204);
    let s = await player(sim, token);
    expect(s.device.id).toBe(PHONE_ID);
    expect(s.is_playing).toBe(false);
    expect((await api(sim, token, 'PUT', '/me/player', { device_ids: [COMPUTER_ID], play: true })).status).toBe(204);
    s = await player(sim, token);
    expect(s.device.id).toBe(COMPUTER_ID);
    expect(s.is_playing).toBe(true);
  });

  it('the restricted device accepts no commands', async () => {
    const { sim, token } = await ready();
    const res = await api(sim, token, 'PUT', '/me/player', { device_ids: [RESTRICTED_ID] });
    expect((await errorOf(res)).reason).toBe('DEVICE_NOT_CONTROLLABLE');
    sim.control.externalAction({ type: 'transfer', deviceId: RESTRICTED_ID });
    const pause = await api(sim, token, 'PUT', '/me/player/pause');
    expect(pause.status).toBe(403);
    expect((await errorOf(pause)).reason).toBe('DEVICE_NOT_CONTROLLABLE');
    expect((await player(sim, token)).actions.disallows.transferring_playback).toBe(true);
  });

  it('404 NO_ACTIVE_DEVICE without an active device; device_id wakes a listed one', async () => {
    const { sim, token } = await ready({ scenario: { startPlaying: false } });
    const res = await api(sim, token, 'PUT', '/me/player/pause');
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ status: 404, message: 'Player command failed: No active device found', reason: 'NO_ACTIVE_DEVICE' });
    expect((await api(sim, token, 'PUT', `/me/player/play?device_id=${PHONE_ID}`)).status).toBe(204);
    expect((await player(sim, token)).device.id).toBe(PHONE_ID);
  });

  it('403 PREMIUM_REQUIRED on every command for a Free user; reads still work', async () => {
    const { sim, token } = await ready({ scenario: { product: 'free' } });
    for (const [method, path] of [
      ['PUT', '/me/player/pause'],
      ['PUT', '/me/player/play'],
      ['POST', '/me/player/next'],
      ['POST', '/me/player/previous'],
      ['PUT', '/me/player/seek?position_ms=0'],
      ['PUT', '/me/player/volume?volume_percent=5'],
      ['PUT', '/me/player/shuffle?state=true'],
      ['PUT', '/me/player/repeat?state=off'],
    ] as const) {
      const res = await api(sim, token, method, path);
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toEqual({ status: 403, message: 'Player command failed: Premium required', reason: 'PREMIUM_REQUIRED' });
    }
    expect((await errorOf(await api(sim, token, 'PUT', '/me/player', { device_ids: [PHONE_ID] }))).reason).toBe('PREMIUM_REQUIRED');
    expect((await api(sim, token, 'GET', '/me/player')).status).toBe(200);
  });

  it('switching the user to Free takes effect at once', async () => {
    const { sim, token } = await ready();
    sim.control.setScenario({ product: 'free' });
    expect((await errorOf(await api(sim, token, 'POST', '/me/player/next'))).reason).toBe('PREMIUM_REQUIRED');
  });
});

describe('queue', () => {
  it('POST adds to the queue, GET shows it before the rest of the context', async () => {
    const { sim, token } = await ready();
    const { catalogue } = await import('./testing/world');
    const extra = catalogue().playlistUris[0]!;
    expect((await api(sim, token, 'POST', `/me/player/queue?uri=${encodeURIComponent(extra)}`)).status).toBe(204);
    const q = (await (await api(sim, token, 'GET', '/me/player/queue')).json()) as { currently_playing: { uri: string }; queue: Array<{ uri: string }> };
    expect(q.queue[0]?.uri).toBe(extra);
    expect(q.queue.length).toBeGreaterThan(1);
    expect((await api(sim, token, 'POST', '/me/player/queue?uri=spotify:album:abc')).status).toBe(400);
    expect((await api(sim, token, 'POST', '/me/player/queue')).status).toBe(400);
  });
});

describe('library', () => {
  it('PUT and DELETE /me/library, GET /me/library/contains', async () => {
    const { sim, token } = await ready();
    const a = 'spotify:track:4iV5W9uYEdYUVa79Axb7Rh';
    const b = 'spotify:episode:512ojhOuo1ktJprKbVcKyQ';
    const contains = async (): Promise<boolean[]> => (await (await api(sim, token, 'GET', `/me/library/contains?uris=${a},${b}`)).json()) as boolean[];
    expect(await contains()).toEqual([false, false]);
    const put = await api(sim, token, 'PUT', `/me/library?uris=${a}`);
    expect(put.status).toBe(200);
    expect(await contains()).toEqual([true, false]);
    expect((await api(sim, token, 'DELETE', `/me/library?uris=${a}`)).status).toBe(200);
    expect(await contains()).toEqual([false, false]);
  });

  it('400 for missing, invalid or more than 40 URIs', async () => {
    const { sim, token } = await ready();
    const many = Array.from({ length: 41 }, (_, i) => `spotify:track:${String(i).padStart(22, 'a')}`).join(',');
    for (const query of ['', '?uris=', '?uris=bogus', `?uris=${many}`]) {
      const res = await api(sim, token, 'GET', `/me/library/contains${query}`);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).status).toBe(400);
    }
    const forty = Array.from({ length: 40 }, (_, i) => `spotify:track:${String(i).padStart(22, 'a')}`).join(',');
    expect((await api(sim, token, 'GET', `/me/library/contains?uris=${forty}`)).status).toBe(200);
  });
});

describe('rate limit and quota', () => {
  it('429 with Retry-After in seconds from a rolling 30-second window', async () => {
    const { sim, clock, token } = await ready({ scenario: { rateLimitPer30s: 3 } });
    for (let i = 0; i < 3; i++) {
      expect((await api(sim, token, 'GET', '/me')).status).toBe(200);
      clock.advance(5000);
    }
    const limited = await api(sim, token, 'GET', '/me');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('15');
    expect((await errorOf(limited)).status).toBe(429);
    clock.advance(15_000);
    expect((await api(sim, token, 'GET', '/me')).status).toBe(200);
  });

  it('429 QUOTA_EXCEEDED once the quota is used', async () => {
    const { sim, token } = await ready({ scenario: { quota: 2 } });
    expect((await api(sim, token, 'GET', '/me')).status).toBe(200);
    expect((await api(sim, token, 'GET', '/me')).status).toBe(200);
    const res = await api(sim, token, 'GET', '/me');
    expect(res.status).toBe(429);
    expect(await errorOf(res)).toEqual({ status: 429, message: 'Too many requests', reason: 'QUOTA_EXCEEDED' });
  });
});

describe('faults', () => {
  it('5xx bursts hit the next N API calls only', async () => {
    const { sim, token } = await ready();
    sim.control.injectFault({ serverErrors: { count: 2, status: 502 } });
    expect((await api(sim, token, 'GET', '/me')).status).toBe(502);
    expect((await errorOf(await api(sim, token, 'GET', '/me'))).status).toBe(502);
    expect((await api(sim, token, 'GET', '/me')).status).toBe(200);
  });

  it('connection resets make in-process fetch reject with a TypeError like undici', async () => {
    const { sim, token } = await ready();
    sim.control.injectFault({ resets: 1 });
    await expect(api(sim, token, 'GET', '/me')).rejects.toThrow(TypeError);
    expect((await api(sim, token, 'GET', '/me')).status).toBe(200);
  });

  it('rate-limit storms and quota exhaustion', async () => {
    const { sim, token } = await ready();
    sim.control.injectFault({ rateLimitStorm: { retryAfterSec: 7, count: 1 } });
    const storm = await api(sim, token, 'GET', '/me');
    expect(storm.status).toBe(429);
    expect(storm.headers.get('retry-after')).toBe('7');
    sim.control.injectFault({ quotaExhausted: true });
    expect((await errorOf(await api(sim, token, 'GET', '/me'))).reason).toBe('QUOTA_EXCEEDED');
    sim.control.clearFaults();
    expect((await api(sim, token, 'GET', '/me')).status).toBe(200);
  });

  it('a transient 401 "Access token missing" right after a refresh', async () => {
    const { sim, tokens } = await ready();
    sim.control.injectFault({ unauthorizedAfterRefresh: 1 });
    // The original token is not a refreshed one: unaffected.
    expect((await api(sim, tokens.access_token, 'GET', '/me')).status).toBe(200);
    const { postToken } = await import('./testing/harness');
    const { DEMO_CLIENT_ID } = await import('./index');
    const fresh = (await (await postToken(sim, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: DEMO_CLIENT_ID })).json()) as { access_token: string };
    const first = await api(sim, fresh.access_token, 'GET', '/me');
    expect(first.status).toBe(401);
    expect(await errorOf(first)).toEqual({ status: 401, message: 'Access token missing' });
    expect((await api(sim, fresh.access_token, 'GET', '/me')).status).toBe(200);
  });

  it('latency goes through the injected sleep', async () => {
    const waits: number[] = [];
    const { sim, token } = await ready({ sleep: (ms) => { waits.push(ms); return Promise.resolve(); } });
    sim.control.injectFault({ latencyMs: 250 });
    await api(sim, token, 'GET', '/me');
    expect(waits).toEqual([250]);
  });
});

describe('counters', () => {
  it('count every request per endpoint, and reset', async () => {
    const { sim, token } = await ready();
    sim.control.resetCounters();
    await api(sim, token, 'GET', '/me/player');
    await api(sim, token, 'GET', '/me/player');
    await api(sim, null, 'PUT', '/me/player/pause');
    expect(sim.control.counters()).toEqual({ 'GET /v1/me/player': 2, 'PUT /v1/me/player/pause': 1 });
    sim.control.resetCounters();
    expect(sim.control.counters()).toEqual({});
  });
});

describe('device targeting', () => {
  it('volume with device_id sets that device without transferring', async () => {
    const { sim, token } = await ready();
    expect((await api(sim, token, 'PUT', `/me/player/volume?volume_percent=12&device_id=${PHONE_ID}`)).status).toBe(204);
    const state = sim.control.state();
    expect(state.activeDeviceId).toBe(COMPUTER_ID);
    expect(state.devices.find((d) => d.id === PHONE_ID)?.volumePercent).toBe(12);
  });

  it('play with only position_ms resumes at that position', async () => {
    const { sim, token } = await ready();
    await api(sim, token, 'PUT', '/me/player/pause');
    expect((await api(sim, token, 'PUT', '/me/player/play', { position_ms: 5000 })).status).toBe(204);
    const s = await player(sim, token);
    expect(s.is_playing).toBe(true);
    expect(s.progress_ms).toBe(5000);
  });
});
