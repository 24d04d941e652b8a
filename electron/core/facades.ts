import type { Diagnostics } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { AuthSettings, AuthState, RedirectMode } from '../../shared/state/auth-state';
import type { DesktopStatus } from '../../shared/state/desktop';
import type { Device, PlaybackState } from '../../shared/state/now-playing';
import type { Preferences, PreferencesPatch } from '../../shared/state/preferences';

/** What the contract needs from sign-in; implemented by the auth service. */
export interface AuthFacade {
  state(): AuthState;
  settings(): AuthSettings;
  onChange(listener: () => void): () => void;
  signIn(): Promise<Result<null>>;
  cancel(): Promise<Result<null>>;
  signOut(): Promise<Result<null>>;
  setClientId(clientId: string | null): Promise<Result<null>>;
  setRedirectMode(mode: RedirectMode): Promise<Result<null>>;
  setPlaintextOptIn(optIn: boolean): Promise<Result<null>>;
}

/** What the contract needs from playback; implemented by the playback service. */
export interface PlaybackFacade {
  getState(): PlaybackState;
  onChange(listener: () => void): () => void;
  togglePlay(): Promise<Result<null>>;
  next(): Promise<Result<null>>;
  previous(): Promise<Result<null>>;
  seek(positionMs: number): Promise<Result<null>>;
  setVolume(percent: number): Promise<Result<null>>;
  setShuffle(on: boolean): Promise<Result<null>>;
  cycleRepeat(): Promise<Result<null>>;
  setLiked(liked: boolean): Promise<Result<null>>;
  transfer(deviceId: string, play?: boolean): Promise<Result<null>>;
  listDevices(): Promise<Result<Device[]>>;
  /** Play a canonical Spotify URI (MPRIS OpenUri). Optional for fakes. */
  playUri?(uri: string): Promise<Result<null>>;
  /** Look now; `window-shown` is the user acting (lifts a quota or app-refused pause). Optional for fakes. */
  wake?(cause: 'window-shown'): void;
}

/** Window actions the renderer may ask for; Electron windows in the app, no-ops in the headless host. */
export interface WindowControl {
  showMain(): void;
  toggleMini(): void;
  hideMini(): void;
}

/** What the contract needs from the desktop preferences; implemented by the preferences store. */
export interface PreferencesFacade {
  values(): Preferences;
  onChange(listener: () => void): () => void;
  update(patch: PreferencesPatch): Result<null>;
  resetHotkeys(): Result<null>;
}

/** Desktop actions behind settings and bug reports; implemented by the desktop shell (and the host). */
export interface ShellActionsFacade {
  requestAccessibility(): Result<null>;
  openLogsFolder(): Promise<Result<null>>;
  diagnostics(): Promise<Result<Diagnostics>>;
}

/** What the OS made of the preferences; implemented by the desktop status hub. */
export interface DesktopFacade {
  get(): DesktopStatus;
  onChange(listener: () => void): () => void;
}
