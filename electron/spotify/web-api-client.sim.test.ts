import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createSimulator, DEFAULT_SCENARIO, DEMO_CLIENT_ID, PHONE_ID, pkceChallenge, type Scenario, type Simulator } from '../../simulator/index';
import type { HttpFetch } from '../ports/http';
import { withFixedToken } from '../testing/fixed-token';
import { ManualClock } from '../testing/manual-clock';

import { toAppError } from './api-errors';
import { WebApiClient } from './web-api-client';

// The real client against the simulator with its real-world quirks switched on (facts §3.2, §4.1).

const SCOPES = ['user-read-playback-state', 'user-modify-playback-state', 'user-read-currently-playing', 'user-library-read', 'user-library-modify'];

/** Authorize, approve, exchange the code: the simulator's access token for its user. */
async function signIn(sim: Simulator): Promise<string> {
  const verifier = randomBytes(48).toString('base64url');
  const authorize = new URL(`${sim.baseUrl}/authorize`);
  authorize.search = new URLSearchParams({
    client_id: DEMO_CLIENT_ID,
    response_type: 'code',
    redirect_uri: 'trayplay://callback',
    code_challenge_method: 'S256',
    code_challenge: pkceChallenge(verifier),
    scope: SCOPES.join(' '),
    state: 's',
  }).toString();
  const code = new URL(await sim.control.approve(authorize.toString())).searchParams.get('code') ?? '';
  const response = await sim.fetch(`${sim.baseUrl}/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'trayplay://callback', client_id: DEMO_CLIENT_ID, code_verifier: verifier }).toString(),
  });
  const body = (await response.json()) as { access_token?: string };
  if (body.access_token === undefined) throw new Error(`sign-in failed: ${response.status}`);
  return body.access_token;
}

interface Exchange {
  readonly request: string;
  readonly status: number;
  readonly body: string;
}

/** A signed-in client over the simulator's in-process fetch, recording every answer as sent. */
async function setUp(scenario: Partial<Scenario>) {
  const clock = new ManualClock();
  const sim = createSimulator({ now: () => clock.now(), scenario, sleep: () => Promise.resolve() });
  const token = await signIn(sim);
  const exchanges: Exchange[] = [];
  const fetch: HttpFetch = async (url, init) => {
    const response = await sim.fetch(url, init);
    const path = new URL(url).pathname.replace(/^\/v1/, '');
    exchanges.push({ request: `${init?.method ?? 'GET'} ${path}`, status: response.status, body: await response.clone().text() });
    return response;
  };
  const client = new WebApiClient({ apiBaseUrl: `${sim.baseUrl}/v1`, fetch: withFixedToken(fetch, token), clock, timeoutMs: 5_000 });
  return { sim, client, exchanges, clock };
}

describe('WebApiClient against the simulator', () => {
  it('with quirkyCommandBodies, every command succeeds, including the 200s with a non-JSON body', async () => {
    const { sim, client, exchanges, clock } = await setUp({ quirkyCommandBodies: true });
    const uri = sim.control.state().itemUri ?? '';
    const results = [
      await client.pause(),
      await client.play(),
      await client.next(),
      await client.previous(),
      await client.seek(1_000),
      await client.setVolume(40),
      await client.setShuffle(true),
      await client.setRepeat('context'),
      await client.saveToLibrary([uri]),
      await client.removeFromLibrary([uri]),
      await client.transfer(PHONE_ID, true),
    ];
    expect(results.every((r) => r.ok)).toBe(true);
    // The quirk really was exercised: play and pause answered 200 with an opaque text body.
    const quirky = exchanges.filter((e) => e.request === 'PUT /me/player/pause' || e.request === 'PUT /me/player/play');
    expect(quirky).toHaveLength(2);
    for (const e of quirky) {
      expect(e.status).toBe(200);
      expect(e.body).not.toBe('');
      expect(() => JSON.parse(e.body) as unknown).toThrow();
    }
    expect(sim.control.state()).toMatchObject({ activeDeviceId: PHONE_ID, isPlaying: true, shuffle: true, repeat: 'context' });
    // Reads are unaffected and still parse, once Spotify has applied the commands.
    await clock.advance(DEFAULT_SCENARIO.commandLagMs);
    const state = await client.getPlaybackState();
    expect(state.ok && state.value.state?.device?.id).toBe(PHONE_ID);
  });

  it.each([
    { gate: 'user_not_allow_listed', scenario: { userAllowListed: false } },
    { gate: 'owner_not_premium', scenario: { ownerPremium: false } },
  ] as const)('a bare-text 403 from the $gate gate: reads give app_not_authorized, nothing throws', async ({ gate, scenario }) => {
    const { client, exchanges } = await setUp(scenario);
    const expected = { ok: false, error: { kind: 'app_not_authorized', likelyGate: gate } };
    expect(await client.getPlaybackState()).toEqual(expected);
    expect(await client.getDevices()).toEqual(expected);
    const failed = await client.getPlaybackState();
    if (failed.ok) throw new Error('expected a failure');
    expect(toAppError(failed.error).error).toMatchObject({ code: 'app_not_authorized', message: expect.stringContaining('developer.spotify.com/dashboard') as unknown });
    // A command cannot tell the gate from a new restriction; it fails cleanly and the next read decides.
    expect(await client.pause()).toEqual({ ok: false, error: { kind: 'restricted', reason: null, rawReason: null } });
    expect(await client.libraryContains(['spotify:track:abc'])).toMatchObject({ ok: false, error: { kind: 'restricted' } });
    expect(exchanges.every((e) => e.status === 403)).toBe(true);
  });
});
