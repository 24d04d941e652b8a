import { describe, expect, it } from 'vitest';

import { likeableUri, pickArt, progressAt, toDevice, toDeviceChoices, toNowPlaying } from './mappers';
import { ApiPlaybackStateSchema } from './schemas';

const device = {
  id: 'dev1',
  name: 'Laptop',
  type: 'Computer',
  is_active: true,
  is_private_session: false,
  is_restricted: false,
  volume_percent: 50,
  supports_volume: true,
};

const base = {
  device,
  repeat_state: 'context',
  shuffle_state: true,
  timestamp: 1,
  progress_ms: 30_000,
  is_playing: true,
  actions: { disallows: { resuming: true, skipping_prev: true } },
};

const track = {
  type: 'track',
  uri: 'spotify:track:abc',
  name: 'Harbor Lights',
  duration_ms: 200_000,
  is_local: false,
  artists: [{ name: 'Mara Okafor' }, { name: 'Kasimir Lind' }],
  album: {
    name: 'Quiet Tides',
    images: [
      { url: 'big', width: 640, height: 640 },
      { url: 'mid', width: 300, height: 300 },
      { url: 'small', width: 64, height: 64 },
    ],
  },
};

const parse = (value: unknown) => ApiPlaybackStateSchema.parse(value);

describe('toNowPlaying', () => {
  it('maps a playing track', () => {
    const np = toNowPlaying(parse({ ...base, item: track, currently_playing_type: 'track' }), 500, true);
    expect(np).toEqual({
      kind: 'item',
      item: {
        type: 'track',
        uri: 'spotify:track:abc',
        name: 'Harbor Lights',
        artists: ['Mara Okafor', 'Kasimir Lind'],
        album: 'Quiet Tides',
        artUrl: 'mid',
        durationMs: 200_000,
        isLocal: false,
      },
      isPlaying: true,
      progressMs: 30_000,
      observedAt: 500,
      shuffle: true,
      repeat: 'context',
      device: {
        id: 'dev1',
        name: 'Laptop',
        type: 'Computer',
        isActive: true,
        isRestricted: false,
        isPrivateSession: false,
        supportsVolume: true,
        volumePercent: 50,
      },
      liked: true,
      disallows: ['previous', 'resume'],
    });
  });

  it('maps an episode with its show name and art', () => {
    const episode = {
      type: 'episode',
      uri: 'spotify:episode:e1',
      name: 'Episode 12',
      duration_ms: 1_800_000,
      images: [],
      show: { name: 'Night Signals', images: [{ url: 'show-art', width: 300, height: 300 }] },
    };
    const np = toNowPlaying(parse({ ...base, item: episode, currently_playing_type: 'episode' }), 1, true);
    expect(np.kind === 'item' && np.item).toEqual({
      type: 'episode',
      uri: 'spotify:episode:e1',
      name: 'Episode 12',
      show: 'Night Signals',
      artUrl: 'show-art',
      durationMs: 1_800_000,
    });
    // Liked does not apply to episodes.
    expect(np.kind === 'item' && np.liked).toBeNull();
  });

  it('maps an ad (no item) to kind ad', () => {
    const np = toNowPlaying(parse({ ...base, item: null, currently_playing_type: 'ad', progress_ms: 5000 }), 9, null);
    expect(np).toMatchObject({ kind: 'ad', isPlaying: true, progressMs: 5000, observedAt: 9, device: { id: 'dev1' } });
  });

  it('maps a local file without art or liked', () => {
    const local = { ...track, uri: 'spotify:local:Artist:Album:Song:187', is_local: true, album: { name: 'Album', images: [] }, artists: [{ name: 'Artist' }] };
    const np = toNowPlaying(parse({ ...base, item: local, currently_playing_type: 'track' }), 1, true);
    expect(np).toMatchObject({ kind: 'item', item: { isLocal: true, artUrl: null, name: 'Harbor Lights' }, liked: null });
    expect(likeableUri(np)).toBeNull();
  });

  it('maps 204 to idle and a hidden item (private session) to kind private with its device and disallows', () => {
    expect(toNowPlaying(null, 1, null)).toEqual({ kind: 'idle' });
    const privateSession = parse({ ...base, device: { ...device, is_private_session: true }, item: null, currently_playing_type: 'unknown' });
    const np = toNowPlaying(privateSession, 1, null);
    expect(np).toEqual({
      kind: 'private',
      device: {
        id: 'dev1',
        name: 'Laptop',
        type: 'Computer',
        isActive: true,
        isRestricted: false,
        isPrivateSession: true,
        supportsVolume: true,
        volumePercent: 50,
      },
      isPlaying: true,
      disallows: ['previous', 'resume'],
    });
    expect(progressAt(np, 5)).toBeNull();
    expect(likeableUri(np)).toBeNull();
  });

  it('survives sparse and odd answers', () => {
    const sparse = parse({ item: { type: 'track', uri: 'spotify:track:x' }, images: 'nope' });
    const np = toNowPlaying(sparse, 1, null);
    expect(np).toMatchObject({
      kind: 'item',
      item: { name: 'Unknown track', artists: [], album: '', artUrl: null, durationMs: 0 },
      isPlaying: false,
      repeat: 'off',
      device: { name: 'Unknown device', supportsVolume: false },
    });
    // An unknown item type (an audiobook chapter) reads as no item.
    expect(toNowPlaying(parse({ ...base, item: { type: 'chapter', uri: 'x' } }), 1, null)).toMatchObject({
      kind: 'unavailable',
      message: 'Playing something Trayplay cannot show on Laptop.',
    });
    // Broken art does not reject the state.
    const badArt = parse({ ...base, item: { ...track, album: { name: 'A', images: [{ nope: 1 }] } } });
    expect(toNowPlaying(badArt, 1, null)).toMatchObject({ kind: 'item', item: { album: 'A', artUrl: null } });
  });

  it('adds volume to disallows when the device cannot change volume, and everything for restricted devices', () => {
    const speaker = parse({ ...base, device: { ...device, supports_volume: false }, item: track, actions: null });
    expect(toNowPlaying(speaker, 1, null)).toMatchObject({ disallows: ['volume'] });
    const tv = parse({ ...base, device: { ...device, is_restricted: true }, item: track });
    const np = toNowPlaying(tv, 1, null);
    expect(np.kind === 'item' && np.disallows).toEqual(['next', 'pause', 'previous', 'repeat', 'resume', 'seek', 'shuffle', 'transfer']);
  });
});

describe('helpers', () => {
  it('picks the smallest art at least 300 px, else the largest', () => {
    expect(pickArt([{ url: 'a', width: 64 }, { url: 'b', width: 120 }])).toBe('b');
    expect(pickArt([{ url: 'only' }])).toBe('only');
    expect(pickArt([])).toBeNull();
    expect(pickArt(null)).toBeNull();
  });

  it('maps devices and offers only controllable ones as choices', () => {
    const devices = [
      toDevice({ id: 'a', name: 'A', type: 'Computer', is_restricted: false }),
      toDevice({ id: 'tv', name: 'TV', type: 'TV', is_restricted: true }),
      toDevice({ id: null, name: 'Ghost' }),
    ];
    expect(toDeviceChoices(devices)).toEqual([{ id: 'a', name: 'A', type: 'Computer' }]);
    expect(toDevice({ volume_percent: 140.4 }).volumePercent).toBe(100);
  });

  it('interpolates progress only while playing, clamped to the duration', () => {
    const np = toNowPlaying(parse({ ...base, item: track }), 1000, null);
    expect(progressAt(np, 6000)).toBe(35_000);
    expect(progressAt(np, 1_000_000)).toBe(200_000);
    const paused = toNowPlaying(parse({ ...base, is_playing: false, item: track }), 1000, null);
    expect(progressAt(paused, 60_000)).toBe(30_000);
    expect(progressAt({ kind: 'idle' }, 1)).toBeNull();
  });
});
