import { assertNever } from '../../shared/assert-never';
import type { AuthSettings, AuthState, Persistence } from '../../shared/state/auth-state';

import { formatIn, secondsUntil } from './time';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** The account section's headline for each sign-in state. */
export interface AuthView {
  readonly kind: AuthState['kind'];
  readonly title: string;
  readonly description: string;
  readonly tone: Tone;
}

export function authView(auth: AuthState, now: number): AuthView {
  switch (auth.kind) {
    case 'demo':
      return {
        kind: 'demo',
        title: 'Demo mode',
        description:
          'Playback is simulated so you can try Trayplay without an account. Add your own Spotify Client ID below to control your real Spotify.',
        tone: 'info',
      };
    case 'signedOut':
      return {
        kind: 'signedOut',
        title: 'Not signed in',
        description: auth.notice ?? 'Connect Trayplay to your Spotify account to see and control playback.',
        tone: auth.notice === null ? 'neutral' : 'warning',
      };
    case 'authorizing': {
      const left = secondsUntil(auth.expiresAt, now);
      return {
        kind: 'authorizing',
        title: 'Waiting for your browser…',
        description:
          left > 0
            ? `Approve Trayplay in the Spotify page that opened in your browser. This attempt ends ${formatIn(auth.expiresAt, now)}.`
            : 'This attempt has timed out.',
        tone: 'info',
      };
    }
    case 'signedIn':
      // The account and the deadline each have their own line in the panel; the headline says what to do.
      return {
        kind: 'signedIn',
        title: 'Signed in',
        description: renewCountdown(auth.refreshExpiresAt, now),
        tone: auth.renewSoon ? 'warning' : 'success',
      };
    case 'sessionEnded':
      return {
        kind: 'sessionEnded',
        title: 'Your Spotify session ended',
        description: auth.reason,
        tone: 'danger',
      };
    default:
      return assertNever(auth, 'auth kind');
  }
}

/** "Sign in again within 12 days": Spotify ends every sign-in 6 months after it began. */
export function renewCountdown(refreshExpiresAt: number, now: number): string {
  const ms = refreshExpiresAt - now;
  if (ms <= 0) return 'Sign in again now: Spotify has ended this sign-in.';
  const days = Math.floor(ms / 86_400_000);
  if (days >= 2) return `Sign in again within ${days} days.`;
  const hours = Math.max(1, Math.floor(ms / 3_600_000));
  return `Sign in again within ${hours} ${hours === 1 ? 'hour' : 'hours'}.`;
}

/** What the storage of tokens means for the user, or null when there is nothing to say. */
export function persistenceNote(persistence: Persistence): string | null {
  switch (persistence) {
    case 'encrypted':
      return null;
    case 'memoryOnly':
      return 'Your sign-in is kept in memory only: you will sign in again each time Trayplay starts.';
    case 'plaintextOptIn':
      return 'Your sign-in is stored with weak protection, as you chose, because no system keyring is available.';
    default:
      return assertNever(persistence, 'persistence');
  }
}

/** The storage warning shown when the OS offers no secure store (Linux `basic_text`). */
export type StorageView =
  | { readonly kind: 'secure' }
  | { readonly kind: 'memoryOnly'; readonly backend: string }
  | { readonly kind: 'weakOptedIn'; readonly backend: string };

export function storageView(settings: AuthSettings): StorageView {
  const { storage } = settings;
  if (storage.secure) return { kind: 'secure' };
  return storage.plaintextOptIn
    ? { kind: 'weakOptedIn', backend: storage.backend }
    : { kind: 'memoryOnly', backend: storage.backend };
}

/** Scopes as readable phrases; unknown ones are shown as is. */
const SCOPE_LABELS: Readonly<Record<string, string>> = {
  'user-read-playback-state': 'See what is playing and on which device',
  'user-modify-playback-state': 'Control playback',
  'user-read-currently-playing': 'See the current track',
  'user-library-read': 'See your Liked Songs',
  'user-library-modify': 'Add to and remove from Liked Songs',
};

export function describeScope(scope: string): string {
  return SCOPE_LABELS[scope] ?? scope;
}
