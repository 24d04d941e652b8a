// A stored real session, as an earlier run of the app would have left it: sign-in settings and the token
// vault (safeStorage ciphertext made by the double with the same key) in electron-store's JSON file.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createSimulator, pkceChallenge } from '../../../simulator/index';
import { REQUESTED_SCOPES } from '../../auth/scopes';
import { SETTINGS_KEY } from '../../settings/settings-store';
import type { TokenSet } from '../../tokens/token-set';
import { VAULT_KEY } from '../../tokens/token-vault';

import { DEFAULT_RUNTIME, Runtime, type LinuxBackend } from './runtime';
import { SafeStorageDouble } from './safe-storage';

export const SEEDED_CLIENT_ID = '0123456789abcdef0123456789abcdef';
const REDIRECT = 'http://127.0.0.1:43123/callback';

export interface SeededSpotify {
  readonly url: string;
  readonly tokens: TokenSet;
  close(): Promise<void>;
}

/** A simulator the child's app will talk to, and a real grant from it (PKCE, approved, exchanged). */
export async function spotifyWithGrant(): Promise<SeededSpotify> {
  const sim = createSimulator({ clients: [{ clientId: SEEDED_CLIENT_ID, redirectUris: ['http://127.0.0.1/callback'] }] });
  const server = await sim.listen(0, '127.0.0.1');
  const verifier = randomBytes(48).toString('base64url');
  const authorize = new URL(`${server.url}/authorize`);
  authorize.search = new URLSearchParams({
    client_id: SEEDED_CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT,
    code_challenge_method: 'S256',
    code_challenge: pkceChallenge(verifier),
    scope: REQUESTED_SCOPES.join(' '),
    state: 'seed',
  }).toString();
  const code = new URL(await sim.control.approve(authorize.href)).searchParams.get('code');
  if (!code) throw new Error('the simulator did not approve the seeded sign-in');
  const answer = await fetch(`${server.url}/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: SEEDED_CLIENT_ID, code_verifier: verifier }),
  });
  const body = (await answer.json()) as { access_token: string; refresh_token: string; expires_in: number; scope: string };
  const now = Date.now();
  const tokens: TokenSet = {
    clientId: SEEDED_CLIENT_ID,
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    accessExpiresAt: now + body.expires_in * 1000,
    scopes: body.scope.split(' ').sort(),
    authorizedAt: now,
    account: null,
  };
  return { url: server.url, tokens, close: () => server.close() };
}

/** Writes `trayplay.json` into the profile as the app's vault and settings store would. */
export async function writeStoredSession(userData: string, tokens: TokenSet, backend: LinuxBackend, keyMaterial: string): Promise<void> {
  const runtime = new Runtime({ ...DEFAULT_RUNTIME, linuxBackend: backend, keyMaterial });
  runtime.markReady();
  const ciphertext = await new SafeStorageDouble(runtime).encryptStringAsync(JSON.stringify({ v: 1, tokens }));
  const data = {
    [SETTINGS_KEY]: { v: 1, clientId: SEEDED_CLIENT_ID, redirectMode: 'loopback', plaintextOptIn: false },
    [VAULT_KEY]: { format: 'trayplay-token-vault', v: 1, backend, savedAt: Date.now(), ciphertext: ciphertext.toString('base64') },
  };
  writeFileSync(join(userData, 'trayplay.json'), JSON.stringify(data, null, '\t'), { mode: 0o600 });
}
