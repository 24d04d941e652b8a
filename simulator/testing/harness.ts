import { createHash, randomBytes } from 'node:crypto';
import { DEMO_CLIENT_ID, createSimulator } from '../index';
import type { Simulator, SimulatorOptions } from '../types';

// Test helpers: a manual clock and the full PKCE dance, so each test starts from a real token.

export const ALL_SCOPES = [
  'user-read-playback-state',
  'user-modify-playback-state',
  'user-read-currently-playing',
  'user-library-read',
  'user-library-modify',
];

export interface ManualClock {
  now: () => number;
  advance: (ms: number) => void;
}

export function manualClock(start = Date.UTC(2026, 10, 24, 12, 0, 0)): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface Harness {
  sim: Simulator;
  clock: ManualClock;
  base: string;
}

/** The world's rules without Spotify's apply lag (the lag has its own tests): pass `commandLagMs` to get it. */
export function harness(options: SimulatorOptions = {}): Harness {
  const clock = manualClock();
  const sim = createSimulator({ now: clock.now, sleep: () => Promise.resolve(), ...options, scenario: { commandLagMs: 0, ...options.scenario } });
  return { sim, clock, base: sim.baseUrl };
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function newPkce(): Pkce {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(base: string, pkce: Pkce, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    client_id: DEMO_CLIENT_ID,
    response_type: 'code',
    redirect_uri: 'trayplay://callback',
    code_challenge_method: 'S256',
    code_challenge: pkce.challenge,
    state: 'st4te',
    scope: ALL_SCOPES.join(' '),
    ...extra,
  });
  return `${base}/authorize?${params.toString()}`;
}

export async function postToken(sim: Simulator, fields: Record<string, string>): Promise<Response> {
  return sim.fetch(`${sim.baseUrl}/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  scope: string;
  expires_in: number;
  token_type: string;
}

/** Authorize (clicking Approve), exchange the code, return the token response. */
export async function login(sim: Simulator, scopes = ALL_SCOPES): Promise<Tokens> {
  const pkce = newPkce();
  const location = await sim.control.approve(authorizeUrl(sim.baseUrl, pkce, { scope: scopes.join(' ') }));
  const code = new URL(location).searchParams.get('code') ?? '';
  const res = await postToken(sim, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'trayplay://callback',
    client_id: DEMO_CLIENT_ID,
    code_verifier: pkce.verifier,
  });
  if (res.status !== 200) throw new Error(`token exchange failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Tokens;
}

export function api(sim: Simulator, token: string | null, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return sim.fetch(`${sim.baseUrl}/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export async function errorOf(res: Response): Promise<{ status: number; message: string; reason?: string }> {
  const body = (await res.json()) as { error: { status: number; message: string; reason?: string } };
  return body.error;
}
