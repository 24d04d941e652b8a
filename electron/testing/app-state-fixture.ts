import type { AppState } from '../../shared/state/app-state';
import { initialDesktopStatus } from '../../shared/state/desktop';
import type { AuthSettings } from '../../shared/state/auth-state';
import type { PlaybackState } from '../../shared/state/now-playing';
import { DEFAULT_PREFERENCES } from '../../shared/state/preferences';

/** Sign-in settings as a fresh install has them. */
export const defaultAuthSettings = (patch: Partial<AuthSettings> = {}): AuthSettings => ({
  clientId: null,
  clientIdFromBuild: false,
  redirectMode: 'loopback',
  redirectUris: { protocol: 'trayplay://callback', loopback: 'http://127.0.0.1/callback' },
  protocolAvailable: true,
  protocolProblem: null,
  storage: { secure: true, backend: 'test', plaintextOptIn: false },
  ...patch,
});

/** A whole app state for tests: demo mode, nothing playing, unless patched. */
export const appStateFixture = (patch: Partial<Omit<AppState, 'playback'>> & { playback?: Partial<PlaybackState> } = {}): AppState => ({
  rev: 1,
  auth: { kind: 'demo' },
  authSettings: defaultAuthSettings(),
  preferences: DEFAULT_PREFERENCES,
  desktop: initialDesktopStatus('electron'),
  ...patch,
  playback: {
    nowPlaying: { kind: 'idle' },
    controls: { readOnly: false, readOnlyReason: null },
    notice: null,
    ...patch.playback,
  },
});
