import { describe, expect, it } from 'vitest';

import { PHONE_ID } from './index';
import { api, errorOf, harness, login } from './testing/harness';

// What an outside client (Spotify's own SDK) found the simulator doing unlike Spotify (issue #13).

async function ready(lagMs = 300, scenario: Record<string, unknown> = {}) {
  const h = harness({ scenario: { commandLagMs: lagMs, ...scenario } });
  const tokens = await login(h.sim, ['user-read-playback-state', 'user-modify-playback-state', 'user-library-read', 'user-library-modify', 'user-read-recently-played']);
  return { ...h, token: tokens.access_token };
}

async function isPlaying(h: Awaited<ReturnType<typeof ready>>): Promise<boolean | null> {
  const res = await api(h.sim, h.token, 'GET', '/me/player');
  if (res.status === 204) return null;
  return ((await res.json()) as { is_playing: boolean }).is_playing;
}

describe('command apply lag', () => {
  it('answers a command at once but shows it in reads only after the lag', async () => {
    const h = await ready(300);
    expect((await api(h.sim, h.token, 'PUT', '/me/player/pause')).status).toBe(204);
    // The world has paused (a second pause is refused) but a read still says playing.
    expect(h.sim.control.state().isPlaying).toBe(false);
    expect(await isPlaying(h)).toBe(true);
    h.clock.advance(299);
    expect(await isPlaying(h)).toBe(true);
    h.clock.advance(1);
    expect(await isPlaying(h)).toBe(false);
  });

  it('applies commands in order, each after its own lag', async () => {
    const h = await ready(300);
    await api(h.sim, h.token, 'PUT', '/me/player/pause');
    h.clock.advance(200);
    await api(h.sim, h.token, 'PUT', '/me/player/play');
    h.clock.advance(100);
    expect(await isPlaying(h)).toBe(false);
    h.clock.advance(200);
    expect(await isPlaying(h)).toBe(true);
  });

  it('keeps the position moving in the before-image', async () => {
    const h = await ready(300);
    const first = (await (await api(h.sim, h.token, 'GET', '/me/player')).json()) as { progress_ms: number };
    await api(h.sim, h.token, 'PUT', '/me/player/seek?position_ms=100000');
    h.clock.advance(250);
    const during = (await (await api(h.sim, h.token, 'GET', '/me/player')).json()) as { progress_ms: number };
    expect(during.progress_ms).toBe(first.progress_ms + 250);
    h.clock.advance(50);
    const after = (await (await api(h.sim, h.token, 'GET', '/me/player')).json()) as { progress_ms: number };
    // The world took the seek when it answered; reads catch up with it after the lag.
    expect(after.progress_ms).toBe(100_300);
  });

  it('is off with commandLagMs 0', async () => {
    const h = await ready(0);
    await api(h.sim, h.token, 'PUT', '/me/player/pause');
    expect(await isPlaying(h)).toBe(false);
  });
});

describe('endpoints removed for development-mode apps (February 2026)', () => {
  it('answer 403 Forbidden as Spotify does, not 404', async () => {
    const h = await ready();
    const removed: Array<[string, string]> = [
      ['PUT', '/me/tracks?ids=abc'],
      ['DELETE', '/me/tracks?ids=abc'],
      ['GET', '/me/tracks/contains?ids=abc'],
      ['GET', '/me/albums/contains?ids=abc'],
      ['PUT', '/me/following?type=artist&ids=abc'],
      ['GET', '/tracks?ids=abc,def'],
      ['GET', '/artists/abc/top-tracks'],
      ['GET', '/browse/new-releases'],
      ['GET', '/markets'],
      ['GET', '/users/someone'],
      ['GET', '/playlists/abc/tracks'],
    ];
    for (const [method, path] of removed) {
      const res = await api(h.sim, h.token, method, path);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await errorOf(res)).toEqual({ status: 403, message: 'Forbidden' });
    }
    // Unknown paths stay 404, and a removed one still wants a token first.
    expect((await api(h.sim, h.token, 'GET', '/me/nothing-here')).status).toBe(404);
    expect((await api(h.sim, null, 'GET', '/me/tracks/contains?ids=abc')).status).toBe(401);
  });
});

describe('endpoints still served', () => {
  it('GET /me/tracks lists liked tracks, newest first, with paging', async () => {
    const h = await ready();
    const uri = h.sim.control.state().itemUri ?? '';
    expect((await api(h.sim, h.token, 'PUT', `/me/library?uris=${encodeURIComponent(uri)}`)).status).toBe(200);
    const res = await api(h.sim, h.token, 'GET', '/me/tracks?limit=5');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; limit: number; items: Array<{ added_at: string; track: { uri: string } }> };
    expect(body).toMatchObject({ total: 1, limit: 5 });
    expect(body.items[0]?.track.uri).toBe(uri);
    expect(Date.parse(body.items[0]?.added_at ?? '')).toBe(h.clock.now());
    expect((await api(h.sim, h.token, 'GET', '/me/tracks?limit=51')).status).toBe(400);
  });

  it('GET /me/player/recently-played lists what was skipped or ended', async () => {
    const h = await ready(0);
    const first = h.sim.control.state().itemUri;
    await api(h.sim, h.token, 'POST', '/me/player/next');
    const res = await api(h.sim, h.token, 'GET', '/me/player/recently-played?limit=10');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<{ track: { uri: string }; played_at: string }>; cursors: unknown };
    expect(body.items[0]?.track.uri).toBe(first);
    expect(body.cursors).not.toBeNull();
    expect((await api(h.sim, h.token, 'GET', '/me/player/recently-played?after=1&before=2')).status).toBe(400);
  });
});

describe('transfer with play: true', () => {
  it('starts playback on the target when nothing was playing', async () => {
    const h = await ready(0, { startPlaying: false });
    expect(await isPlaying(h)).toBeNull();
    const res = await api(h.sim, h.token, 'PUT', '/me/player', { device_ids: [PHONE_ID], play: true });
    expect(res.status).toBe(204);
    expect(h.sim.control.state()).toMatchObject({ isPlaying: true, activeDeviceId: PHONE_ID });
    expect(await isPlaying(h)).toBe(true);
  });
});

describe('command apply lag: rejected commands', () => {
  it('does not hold the view for a command it rejected (404 device not found, 403 already paused)', async () => {
    const h = await ready(300);
    const missing = await api(h.sim, h.token, 'PUT', '/me/player/play?device_id=nope');
    expect(missing.status).toBe(404);
    // Paused on the phone right after: nothing accepted is pending, so a read shows it at once.
    h.sim.control.externalAction({ type: 'pause' });
    expect(await isPlaying(h)).toBe(false);
    const refused = await api(h.sim, h.token, 'PUT', '/me/player/pause');
    expect(refused.status).toBe(403);
    h.sim.control.externalAction({ type: 'resume' });
    expect(await isPlaying(h)).toBe(true);
  });

  it('still holds the view for an accepted command', async () => {
    const h = await ready(300);
    expect((await api(h.sim, h.token, 'PUT', '/me/player/shuffle?state=true')).status).toBe(204);
    h.sim.control.externalAction({ type: 'pause' });
    expect(await isPlaying(h)).toBe(true);
    h.clock.advance(300);
    expect(await isPlaying(h)).toBe(false);
  });
});
