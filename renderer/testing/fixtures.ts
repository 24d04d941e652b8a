import type { AppState } from '../../shared/state/app-state';
import { initialDesktopStatus } from '../../shared/state/desktop';
import { DEFAULT_PREFERENCES } from '../../shared/state/preferences';
import type { AuthSettings, AuthState } from '../../shared/state/auth-state';
import type { Device, NowPlaying, PlaybackState } from '../../shared/state/now-playing';

export const NOW = Date.UTC(2026, 10, 24, 20, 0, 0);

export const device = (overrides: Partial<Device> = {}): Device => ({
  id: 'dev-1',
  name: 'Kitchen speaker',
  type: 'Speaker',
  isActive: true,
  isRestricted: false,
  isPrivateSession: false,
  supportsVolume: true,
  volumePercent: 60,
  ...overrides,
});

type ItemState = Extract<NowPlaying, { kind: 'item' }>;

export const trackPlaying = (overrides: Partial<ItemState> = {}): ItemState => ({
  kind: 'item',
  item: {
    type: 'track',
    uri: 'spotify:track:1',
    name: 'Song One',
    artists: ['Artist A', 'Artist B'],
    album: 'Album X',
    artUrl: 'https://i.scdn.co/image/abc',
    durationMs: 200_000,
    isLocal: false,
  },
  isPlaying: true,
  progressMs: 30_000,
  observedAt: NOW,
  shuffle: false,
  repeat: 'off',
  device: device(),
  liked: false,
  disallows: [],
  ...overrides,
});

export const episodePlaying = (overrides: Partial<ItemState> = {}): ItemState =>
  trackPlaying({
    item: {
      type: 'episode',
      uri: 'spotify:episode:1',
      name: 'Episode 12',
      show: 'The Show',
      artUrl: null,
      durationMs: 3_600_000,
    },
    liked: null,
    ...overrides,
  });

export const settings = (overrides: Partial<AuthSettings> = {}): AuthSettings => ({
  clientId: null,
  clientIdFromBuild: false,
  redirectMode: 'loopback',
  redirectUris: { protocol: 'trayplay://callback', loopback: 'http://127.0.0.1:43117/callback' },
  protocolAvailable: true,
  protocolProblem: null,
  storage: { secure: true, backend: 'gnome_libsecret', plaintextOptIn: false },
  ...overrides,
});

export const signedIn = (overrides: Partial<Extract<AuthState, { kind: 'signedIn' }>> = {}): AuthState => ({
  kind: 'signedIn',
  account: { id: 'user1', displayName: 'Ada' },
  scopes: ['user-read-playback-state', 'user-modify-playback-state'],
  accessExpiresAt: NOW + 3_600_000,
  refreshExpiresAt: NOW + 150 * 86_400_000,
  renewSoon: false,
  persistence: 'encrypted',
  ...overrides,
});

export const playback = (
  nowPlaying: NowPlaying,
  controls: Partial<PlaybackState['controls']> = {},
  notice: PlaybackState['notice'] = null,
): PlaybackState => ({
  nowPlaying,
  controls: { readOnly: false, readOnlyReason: null, ...controls },
  notice,
});

export const privateSession = (overrides: Partial<Extract<NowPlaying, { kind: 'private' }>> = {}): NowPlaying => ({
  kind: 'private',
  device: device({ isPrivateSession: true }),
  isPlaying: true,
  disallows: ['resume'],
  ...overrides,
});

export const appState = (overrides: Partial<AppState> = {}): AppState => ({
  rev: 1,
  auth: signedIn(),
  authSettings: settings(),
  playback: playback(trackPlaying()),
  preferences: DEFAULT_PREFERENCES,
  desktop: initialDesktopStatus('electron'),
  ...overrides,
});
