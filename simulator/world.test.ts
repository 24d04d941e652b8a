import { describe, expect, it } from 'vitest';
import { PHONE_ID } from './index';
import { api, harness, login } from './testing/harness';
import { catalogue } from './testing/world';

async function ready(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  const tokens = await login(h.sim);
  return { ...h, token: tokens.access_token };
}

interface State {
  item: { uri: string | null; is_local?: boolean; id: string | null; type: string; duration_ms: number } | null;
  currently_playing_type: string;
  is_playing: boolean;
  progress_ms: number;
  actions: { disallows: Record<string, boolean> };
  device: { is_private_session: boolean };
}

async function state(h: Awaited<ReturnType<typeof ready>>, query = ''): Promise<State> {
  return (await (await api(h.sim, h.token, 'GET', `/me/player${query}`)).json()) as State;
}

describe('the playback clock (lazy, no timers)', () => {
  it('a track end advances the context at the exact boundary time', async () => {
    const h = await ready();
    const start = h.sim.control.state();
    const boundaries = h.sim.control.trackBoundaries(start.now, start.now + 3_600_000);
    const first = boundaries[0]!;
    expect(first.at).toBe(start.now + start.durationMs!);
    expect(first.fromUri).toBe(start.itemUri);
    h.clock.advance(start.durationMs! - 1);
    expect(h.sim.control.state().itemUri).toBe(start.itemUri);
    h.clock.advance(1);
    const after = h.sim.control.state();
    expect(after.itemUri).toBe(first.toUri);
    expect(after.progressMs).toBe(0);
    const event = h.sim.control.events().find((e) => e.kind === 'track-change' && e.source === 'clock');
    expect(event?.at).toBe(first.at);
  });

  it('long jumps replay every boundary; the end of the context stops playback', async () => {
    const h = await ready();
    const albumItems = catalogue().albumUris.length;
    expect(albumItems).toBeGreaterThan(0);
    h.clock.advance(24 * 3600_000);
    const s = h.sim.control.state();
    expect(s.isPlaying).toBe(false);
    expect(h.sim.control.events().filter((e) => e.source === 'clock').at(-1)?.kind).toBe('stopped');
  });

  it('the queue plays before the rest of the context', async () => {
    const h = await ready();
    const queued = catalogue().episodeUris[0]!;
    await api(h.sim, h.token, 'POST', `/me/player/queue?uri=${queued}`);
    h.clock.advance(h.sim.control.state().durationMs!);
    const s = h.sim.control.state();
    expect(s.itemUri).toBe(queued);
    expect(s.kind).toBe('episode');
  });

  it('repeat track replays the same item; repeat context wraps around', async () => {
    const h = await ready();
    const first = h.sim.control.state();
    await api(h.sim, h.token, 'PUT', '/me/player/repeat?state=track');
    h.clock.advance(first.durationMs! * 3 + 10);
    expect(h.sim.control.state().itemUri).toBe(first.itemUri);
    expect(h.sim.control.state().progressMs).toBe(10);
    await api(h.sim, h.token, 'PUT', '/me/player/repeat?state=context');
    h.clock.advance(24 * 3600_000);
    expect(h.sim.control.state().isPlaying).toBe(true);
  });

  it('shuffle plays every context item once, in a seeded order', async () => {
    const order = async (seed: number): Promise<string[]> => {
      const h = await ready({ seed });
      const { playlistId } = catalogue(seed);
      await api(h.sim, h.token, 'PUT', '/me/player/shuffle?state=true');
      await api(h.sim, h.token, 'PUT', '/me/player/play', { context_uri: `spotify:playlist:${playlistId}` });
      const seen = [h.sim.control.state().itemUri!];
      for (const b of h.sim.control.trackBoundaries(h.clock.now(), h.clock.now() + 24 * 3600_000)) if (b.toUri && b.toUri !== seen.at(-1)) seen.push(b.toUri);
      return seen;
    };
    const a = await order(7);
    const { playlistUris } = catalogue(7);
    const firstPass = a.slice(0, playlistUris.length);
    expect([...firstPass].sort()).toEqual([...playlistUris].sort());
    expect(firstPass).not.toEqual(playlistUris);
    expect(await order(7)).toEqual(a);
  });

  it('disallows reflect what is possible now', async () => {
    const h = await ready();
    let s = await state(h);
    expect(s.actions.disallows).toMatchObject({ resuming: true, skipping_prev: true });
    expect(s.actions.disallows.pausing).toBeUndefined();
    await api(h.sim, h.token, 'POST', '/me/player/next');
    await api(h.sim, h.token, 'PUT', '/me/player/pause');
    s = await state(h);
    expect(s.actions.disallows.pausing).toBe(true);
    expect(s.actions.disallows.skipping_prev).toBeUndefined();
  });
});

describe('special items', () => {
  it('ads: currently_playing_type ad, item null, no skipping', async () => {
    const h = await ready();
    h.sim.control.setPlaying('ad');
    const s = await state(h);
    expect(s.currently_playing_type).toBe('ad');
    expect(s.item).toBeNull();
    expect(s.actions.disallows.skipping_next).toBe(true);
    expect((await api(h.sim, h.token, 'POST', '/me/player/next')).status).toBe(403);
    h.clock.advance(30_000);
    expect((await state(h)).currently_playing_type).toBe('track');
  });

  it('local files: is_local true and a null id', async () => {
    const h = await ready();
    h.sim.control.setPlaying('local');
    const s = await state(h);
    expect(s.item?.is_local).toBe(true);
    expect(s.item?.id).toBeNull();
    expect(s.item?.uri).toMatch(/^spotify:local:/);
  });

  it('episodes appear as items only with additional_types=episode', async () => {
    const h = await ready();
    h.sim.control.setPlaying('episode');
    const without = await state(h);
    expect(without.currently_playing_type).toBe('episode');
    expect(without.item).toBeNull();
    const withEpisodes = await state(h, '?additional_types=track,episode');
    expect(withEpisodes.item?.type).toBe('episode');
  });

  it('nothing playing: 204', async () => {
    const h = await ready();
    h.sim.control.setPlaying('nothing');
    expect((await api(h.sim, h.token, 'GET', '/me/player')).status).toBe(204);
  });

  it('a private session hides the item; currently-playing answers 204', async () => {
    const h = await ready();
    h.sim.control.externalAction({ type: 'privateSession', deviceId: h.sim.control.state().activeDeviceId!, on: true });
    const s = await state(h);
    expect(s.device.is_private_session).toBe(true);
    expect(s.item).toBeNull();
    expect((await api(h.sim, h.token, 'GET', '/me/player/currently-playing')).status).toBe(204);
  });
});

describe('another device acts', () => {
  it('pause, resume, seek, next, previous and transfer on the phone, with exact event times', async () => {
    const h = await ready();
    const c = h.sim.control;
    h.clock.advance(1000);
    c.externalAction({ type: 'pause' });
    expect(c.state().isPlaying).toBe(false);
    expect(c.events().at(-1)).toMatchObject({ kind: 'paused', source: 'external', at: h.clock.now() });
    c.externalAction({ type: 'resume' });
    c.externalAction({ type: 'seek', positionMs: 60_000 });
    expect(c.state().progressMs).toBe(60_000);
    const first = c.state().itemUri;
    c.externalAction({ type: 'next' });
    expect(c.state().itemUri).not.toBe(first);
    c.externalAction({ type: 'previous' });
    expect(c.state().itemUri).toBe(first);
    c.externalAction({ type: 'transfer', deviceId: PHONE_ID });
    expect(c.state().activeDeviceId).toBe(PHONE_ID);
    c.externalAction({ type: 'play', uris: catalogue().playlistUris.slice(0, 2) });
    expect(c.state().itemUri).toBe(catalogue().playlistUris[0]);
    c.externalAction({ type: 'disconnect' });
    expect(c.state().activeDeviceId).toBeNull();
    expect(() => c.externalAction({ type: 'transfer', deviceId: 'nope' })).toThrow();
  });

  it('onEvent reports changes as they happen', async () => {
    const h = await ready();
    const seen: string[] = [];
    const off = h.sim.control.onEvent((e) => seen.push(`${e.source}:${e.kind}`));
    h.sim.control.externalAction({ type: 'pause' });
    await api(h.sim, h.token, 'PUT', '/me/player/play');
    off();
    h.sim.control.externalAction({ type: 'pause' });
    expect(seen).toEqual(['external:paused', 'api:resumed']);
  });

  it('advanceClock moves simulator time for everyone', async () => {
    const h = await ready();
    const before = h.sim.control.state().progressMs;
    h.sim.control.advanceClock(12_345);
    expect(h.sim.control.state().progressMs).toBe(before + 12_345);
  });
});
