import { describe, expect, it } from 'vitest';

import { COMPUTER_ID } from '../../simulator/index';
import { createCatalogue } from '../../simulator/world/catalogue';
import { memorySink, RootLogger } from '../logging/logger';
import { PLAYER_INTERFACE } from '../mpris/mpris-names';
import { mprisObject } from '../mpris/mpris-object';
import { ManualClock } from '../testing/manual-clock';

import { createSimHarness } from './testing/sim-session';

// playUri (MPRIS OpenUri) through the real Web API client against the simulator, on one manual clock.

const SEED = 7;
const catalogue = createCatalogue(SEED);
const album = [...catalogue.albums.values()][1]!;
const playlist = [...catalogue.playlists.values()][0]!;
const track = album.trackUris[2]!;

async function started(options: Partial<Parameters<typeof createSimHarness>[0]> = {}) {
  const clock = new ManualClock();
  const h = await createSimHarness({ ...options, seed: SEED, clock });
  h.service.start();
  await clock.advance(0);
  return { ...h, clock };
}

type Harness = Awaited<ReturnType<typeof started>>;
const paths = (h: Harness, from = 0) => h.requests.slice(from).map((r) => `${r.method} ${r.path}`);
const shownUri = (h: Harness) => {
  const np = h.service.getState().nowPlaying;
  return np.kind === 'item' ? np.item.uri : null;
};

describe('PlaybackService.playUri against the simulator', () => {
  it('a track plays as {uris:[uri]}: Spotify plays it without a context, and the confirming read shows it', async () => {
    const h = await started({ scenario: { startPlaying: true } });
    const before = h.requests.length;
    expect(await h.service.playUri(track)).toEqual({ ok: true, value: null });
    expect(paths(h, before)).toEqual(['PUT /me/player/play']);
    expect(h.sim.control.state()).toMatchObject({ itemUri: track, contextUri: null, isPlaying: true });
    await h.clock.advance(1_000);
    expect(shownUri(h)).toBe(track);
  });

  it('an album or playlist plays as {context_uri}', async () => {
    const h = await started();
    const albumUri = `spotify:album:${album.id}`;
    expect(await h.service.playUri(albumUri)).toEqual({ ok: true, value: null });
    expect(h.sim.control.state()).toMatchObject({ contextUri: albumUri, itemUri: album.trackUris[0], isPlaying: true });
    const playlistUri = `spotify:playlist:${playlist.id}`;
    expect(await h.service.playUri(playlistUri)).toEqual({ ok: true, value: null });
    expect(h.sim.control.state()).toMatchObject({ contextUri: playlistUri, isPlaying: true });
  });

  it('shows playing at once while the command is out (optimistic), from a paused state', async () => {
    const h = await started({ scenario: { startPlaying: true } });
    await h.service.togglePlay();
    await h.clock.advance(1_000);
    expect(h.service.getState().nowPlaying).toMatchObject({ isPlaying: false });
    const sent = h.service.playUri(track);
    expect(h.service.getState().nowPlaying).toMatchObject({ isPlaying: true });
    expect(await sent).toEqual({ ok: true, value: null });
  });

  it('refuses anything but a canonical spotify:<kind>:<22 base62> URI, without a request', async () => {
    const h = await started();
    const before = h.requests.length;
    for (const bad of [
      `https://open.spotify.com/track/${track.split(':')[2]}`,
      'spotify:track:short',
      `spotify:user:${album.id}`,
      ` ${track}`,
      `${track}?si=1`,
    ]) {
      expect(await h.service.playUri(bad)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    expect(paths(h, before)).toEqual([]);
  });

  it('read-only (Free) refuses it without a request', async () => {
    const h = await started({ scenario: { product: 'free' } });
    await h.service.togglePlay();
    const before = h.requests.length;
    expect(await h.service.playUri(track)).toMatchObject({ ok: false, error: { code: 'read_only' } });
    expect(paths(h, before)).toEqual([]);
  });

  it('with no active device, wakes the last-used one and plays the URI there', async () => {
    const h = await started();
    h.sim.control.externalAction({ type: 'disconnect' });
    h.service.wake('window-shown');
    await h.clock.advance(1_000);
    const before = h.requests.length;
    expect(await h.service.playUri(track)).toEqual({ ok: true, value: null });
    expect(paths(h, before)).toEqual(['PUT /me/player/play', 'GET /me/player/devices', 'PUT /me/player', 'PUT /me/player/play']);
    expect(h.sim.control.state()).toMatchObject({ activeDeviceId: COMPUTER_ID, itemUri: track, isPlaying: true });
  });

  it('MPRIS OpenUri with an open.spotify.com link reaches Spotify as the canonical URI (as main.ts wires it)', async () => {
    const h = await started();
    const object = mprisObject({
      playback: h.service,
      clock: h.clock,
      logger: new RootLogger({ sink: memorySink().sink }).scope('mpris'),
      raise: null,
      quit: null,
      openUri: (uri) => h.service.playUri(uri),
    });
    const player = object.interfaces.find((i) => i.name === PLAYER_INTERFACE)!;
    const link = `https://open.spotify.com/intl-de/track/${track.split(':')[2]}?si=x`;
    expect(await Promise.resolve(player.methods.OpenUri!.call([link]))).toEqual({ ok: true, body: [] });
    expect(h.sim.control.state()).toMatchObject({ itemUri: track, isPlaying: true });
  });
});
