import { isAbsolute } from 'node:path';

import type { Endpoints } from '../auth/endpoints';

/**
 * Test and development hooks read from the environment. A packaged (release) build ignores every one of
 * them: they would let anyone who can set an environment variable choose the profile folder, load any URL
 * as a trusted page with the preload API, or send the refresh token to another server — exactly what the
 * NODE_OPTIONS/inspect fuses are there to close.
 */
export interface LaunchOptions {
  /** TRAYPLAY_USER_DATA: the profile folder (tests give each run its own). */
  readonly userDataDir: string | null;
  /** VITE_DEV_SERVER_URL: the renderer from Vite's dev server (`npm run dev`). */
  readonly devServerUrl: string | null;
  /** TRAYPLAY_ACCOUNTS_URL + TRAYPLAY_API_URL: Spotify replaced by a simulator. */
  readonly endpointsOverride: Endpoints | null;
  /** Hooks that were set but not honoured, by name only (never their values), for one log line. */
  readonly ignored: readonly string[];
}

export const TEST_HOOK_VARIABLES = [
  'TRAYPLAY_USER_DATA',
  'VITE_DEV_SERVER_URL',
  'TRAYPLAY_ACCOUNTS_URL',
  'TRAYPLAY_API_URL',
] as const;

type Env = Readonly<Record<string, string | undefined>>;

/** Only a loopback http(s) URL: the dev server and the simulator both listen there. */
function loopbackUrl(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    return (url.protocol === 'http:' || url.protocol === 'https:') && loopback && url.username === '' && url.password === ''
      ? url.href
      : null;
  } catch {
    return null;
  }
}

/**
 * The hooks this run honours. `packaged` is `app.isPackaged`, which Electron derives from the executable
 * (not from anything in the environment). Malformed values are ignored too, never half-applied.
 */
export function launchOptions(env: Env, packaged: boolean): LaunchOptions {
  const set = TEST_HOOK_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '');
  if (packaged) return { userDataDir: null, devServerUrl: null, endpointsOverride: null, ignored: set };

  const ignored: string[] = [];
  const userData = env.TRAYPLAY_USER_DATA;
  const userDataDir = userData && isAbsolute(userData) ? userData : null;
  if (userData && userDataDir === null) ignored.push('TRAYPLAY_USER_DATA');

  const devServerUrl = loopbackUrl(env.VITE_DEV_SERVER_URL);
  if (env.VITE_DEV_SERVER_URL && devServerUrl === null) ignored.push('VITE_DEV_SERVER_URL');

  const accounts = loopbackUrl(env.TRAYPLAY_ACCOUNTS_URL);
  const api = loopbackUrl(env.TRAYPLAY_API_URL);
  const endpointsOverride = accounts && api ? { accountsBaseUrl: accounts.replace(/\/$/, ''), apiBaseUrl: api.replace(/\/$/, '') } : null;
  if ((env.TRAYPLAY_ACCOUNTS_URL || env.TRAYPLAY_API_URL) && endpointsOverride === null) {
    ignored.push(...(['TRAYPLAY_ACCOUNTS_URL', 'TRAYPLAY_API_URL'] as const).filter((name) => env[name]));
  }
  return { userDataDir, devServerUrl, endpointsOverride, ignored };
}
