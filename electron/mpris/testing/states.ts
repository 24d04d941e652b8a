import type { Device, NowPlaying, PlaybackState } from '../../../shared/state/now-playing';

/** Now-playing states for the MPRIS tests. */
export const laptop: Device = {
  id: 'dev-laptop',
  name: 'Studio Laptop',
  type: 'Computer',
  isActive: true,
  isRestricted: false,
  isPrivateSession: false,
  supportsVolume: true,
  volumePercent: 64,
};
export const phone: Device = { ...laptop, id: 'dev-phone', name: 'Pocket Phone', type: 'Smartphone', volumePercent: 80 };

export const TRACK_URI = 'spotify:track:4uLU6hMCjMI75M1A2tKUQC';
export const OTHER_URI = 'spotify:track:7ouMYWpwJ422jRcDASZB7P';

export const trackPlaying = (patch: Partial<Extract<NowPlaying, { kind: 'item' }>> = {}): Extract<NowPlaying, { kind: 'item' }> => ({
  kind: 'item',
  item: {
    type: 'track',
    uri: TRACK_URI,
    name: 'Night Drive',
    artists: ['Ada', 'Bo'],
    album: 'Roads',
    artUrl: 'https://i.scdn.co/image/ab67616d0000b273',
    durationMs: 200_000,
    isLocal: false,
  },
  isPlaying: true,
  progressMs: 10_000,
  observedAt: 1_000_000,
  shuffle: false,
  repeat: 'off',
  device: laptop,
  liked: null,
  disallows: ['resume'],
  ...patch,
});

export const playbackOf = (nowPlaying: NowPlaying, readOnly = false): PlaybackState => ({
  nowPlaying,
  controls: { readOnly, readOnlyReason: readOnly ? 'Controlling playback needs Spotify Premium. Now playing still works.' : null },
  notice: null,
});
