import { describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from './index';
import { api, authorizeUrl, harness, login, newPkce, postToken } from './testing/harness';

async function authorize(url: string, sim = harness().sim): Promise<Response> {
  return sim.fetch(url);
}

describe('GET /authorize', () => {
  it('shows an error page and never redirects for an unknown client', async () => {
    const { sim, base } = harness();
    const res = await authorize(authorizeUrl(base, newPkce(), { client_id: 'f'.repeat(32) }), sim);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('INVALID_CLIENT: Invalid client');
  });

  it('shows an error page for an unregistered redirect URI (exact match, case and trailing slash)', async () => {
    const { sim, base } = harness();
    for (const redirect of ['trayplay://callback/', 'Trayplay://callback', 'trayplay://other', 'https://evil.example/cb']) {
      const res = await sim.fetch(authorizeUrl(base, newPkce(), { redirect_uri: redirect }));
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('INVALID_CLIENT: Invalid redirect URI');
    }
  });

  it('refuses localhost and other plain http as insecure even when registered', async () => {
    const { sim, base } = harness({ clients: [{ clientId: 'c'.repeat(32), redirectUris: ['http://localhost:8888/callback', 'http://example.com/cb'] }] });
    for (const redirect of ['http://localhost:8888/callback', 'http://example.com/cb']) {
      const res = await sim.fetch(authorizeUrl(base, newPkce(), { client_id: 'c'.repeat(32), redirect_uri: redirect }));
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('INVALID_CLIENT: Insecure redirect URI');
    }
  });

  it('accepts any port on a loopback literal registered without a port, IPv4 and IPv6', async () => {
    const { sim, base } = harness({ clients: [{ clientId: 'd'.repeat(32), redirectUris: ['http://[::1]/cb', 'http://127.0.0.1:5000/fixed'] }] });
    const ok = async (clientId: string, redirect: string): Promise<number> => (await sim.fetch(authorizeUrl(base, newPkce(), { client_id: clientId, redirect_uri: redirect }))).status;
    expect(await ok(DEMO_CLIENT_ID, 'http://127.0.0.1:53682/callback')).toBe(200);
    expect(await ok(DEMO_CLIENT_ID, 'http://127.0.0.1/callback')).toBe(200);
    expect(await ok('d'.repeat(32), 'http://[::1]:41000/cb')).toBe(200);
    // A port registered explicitly must match exactly; the path must always match.
    expect(await ok('d'.repeat(32), 'http://127.0.0.1:5001/fixed')).toBe(400);
    expect(await ok(DEMO_CLIENT_ID, 'http://127.0.0.1:53682/other')).toBe(400);
  });

  it('renders a consent page with the account name, the scopes and Approve / Cancel', async () => {
    const { sim, base } = harness({ scenario: { accountName: 'Ada Listener' } });
    const res = await sim.fetch(authorizeUrl(base, newPkce()));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Ada Listener');
    expect(html).toContain('user-modify-playback-state');
    expect(html).toMatch(/<button[^>]*>Approve<\/button>/);
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
  });

  it('Approve redirects with code and state; Cancel with error=access_denied and state', async () => {
    const { sim, base } = harness();
    const approved = new URL(await sim.control.approve(authorizeUrl(base, newPkce())));
    expect(approved.protocol).toBe('trayplay:');
    expect(approved.searchParams.get('code')).toMatch(/^AQ/);
    expect(approved.searchParams.get('state')).toBe('st4te');
    const denied = new URL(await sim.control.deny(authorizeUrl(base, newPkce())));
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('st4te');
    expect(denied.searchParams.get('code')).toBeNull();
  });

  it('auto-approves through the scenario setting', async () => {
    const { sim, base } = harness({ scenario: { autoApprove: true } });
    const res = await sim.fetch(authorizeUrl(base, newPkce()));
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
  });

  it('redirects protocol errors back to the app: response_type, S256, challenge, scope', async () => {
    const { sim, base } = harness();
    const errorFor = async (extra: Record<string, string>): Promise<string | null> => {
      const res = await sim.fetch(authorizeUrl(base, newPkce(), extra));
      expect(res.status).toBe(302);
      return new URL(res.headers.get('location') ?? '').searchParams.get('error');
    };
    expect(await errorFor({ response_type: 'token' })).toBe('unsupported_response_type');
    expect(await errorFor({ code_challenge_method: 'plain' })).toBe('invalid_request');
    expect(await errorFor({ code_challenge: 'short' })).toBe('invalid_request');
    expect(await errorFor({ scope: 'user-read-playback-state not-a-scope' })).toBe('invalid_scope');
  });

  it('refuses a repeated client_id with an error page', async () => {
    const { sim, base } = harness();
    const res = await sim.fetch(`${authorizeUrl(base, newPkce())}&client_id=${DEMO_CLIENT_ID}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});

describe('POST /api/token, authorization_code', () => {
  async function codeFor(sim: ReturnType<typeof harness>['sim'], pkce = newPkce(), redirect = 'trayplay://callback'): Promise<string> {
    const location = await sim.control.approve(authorizeUrl(sim.baseUrl, pkce, { redirect_uri: redirect }));
    return new URL(location).searchParams.get('code') ?? '';
  }

  it('returns Spotify’s token shape', async () => {
    const { sim } = harness();
    const tokens = await login(sim);
    expect(Object.keys(tokens).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.access_token.startsWith('BQ')).toBe(true);
    expect(tokens.scope.split(' ')).toContain('user-modify-playback-state');
  });

  it('accepts a loopback redirect with a port only if the exchange repeats it exactly', async () => {
    const { sim } = harness();
    const pkce = newPkce();
    const code = await codeFor(sim, pkce, 'http://127.0.0.1:53682/callback');
    const base = { grant_type: 'authorization_code', code, client_id: DEMO_CLIENT_ID, code_verifier: pkce.verifier };
    const wrong = await postToken(sim, { ...base, redirect_uri: 'http://127.0.0.1:53683/callback' });
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid redirect URI' });
    const right = await postToken(sim, { ...base, redirect_uri: 'http://127.0.0.1:53682/callback' });
    expect(right.status).toBe(200);
  });

  it('codes are single use', async () => {
    const { sim } = harness();
    const pkce = newPkce();
    const code = await codeFor(sim, pkce);
    const fields = { grant_type: 'authorization_code', code, redirect_uri: 'trayplay://callback', client_id: DEMO_CLIENT_ID, code_verifier: pkce.verifier };
    expect((await postToken(sim, fields)).status).toBe(200);
    const again = await postToken(sim, fields);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid authorization code' });
  });

  it('codes expire after 10 minutes', async () => {
    const { sim, clock } = harness();
    const pkce = newPkce();
    const code = await codeFor(sim, pkce);
    clock.advance(10 * 60 * 1000 + 1);
    const res = await postToken(sim, { grant_type: 'authorization_code', code, redirect_uri: 'trayplay://callback', client_id: DEMO_CLIENT_ID, code_verifier: pkce.verifier });
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'Authorization code expired' });
  });

  it('checks the verifier against the challenge, and requires it', async () => {
    const { sim } = harness();
    const pkce = newPkce();
    const code = await codeFor(sim, pkce);
    const fields = { grant_type: 'authorization_code', code, redirect_uri: 'trayplay://callback', client_id: DEMO_CLIENT_ID };
    const missing = await postToken(sim, fields);
    expect(await missing.json()).toEqual({ error: 'invalid_request', error_description: 'code_verifier required' });
    const wrong = await postToken(sim, { ...fields, code_verifier: newPkce().verifier });
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'code_verifier was incorrect' });
  });

  it('refuses an unknown client with invalid_client', async () => {
    const { sim } = harness();
    const res = await postToken(sim, { grant_type: 'authorization_code', code: 'x', redirect_uri: 'trayplay://callback', client_id: 'nope', code_verifier: 'v'.repeat(43) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'Invalid client' });
  });

  it('answers malformed requests with invalid_request or unsupported_grant_type', async () => {
    const { sim, base } = harness();
    const json = await sim.fetch(`${base}/api/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
    const noGrant = await postToken(sim, { client_id: DEMO_CLIENT_ID });
    expect(((await noGrant.json()) as { error: string }).error).toBe('unsupported_grant_type');
    const repeated = await sim.fetch(`${base}/api/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&grant_type=authorization_code',
    });
    expect(repeated.status).toBe(400);
    expect(((await repeated.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('POST /api/token, refresh_token', () => {
  const refresh = (sim: ReturnType<typeof harness>['sim'], token: string, clientId = DEMO_CLIENT_ID): Promise<Response> =>
    postToken(sim, { grant_type: 'refresh_token', refresh_token: token, client_id: clientId });

  it('without rotation (2026): no refresh_token in the response, the old one keeps working', async () => {
    const { sim } = harness();
    const tokens = await login(sim);
    const first = await refresh(sim, tokens.refresh_token);
    const body = (await first.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('refresh_token');
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
    expect((await api(sim, body.access_token as string, 'GET', '/me')).status).toBe(200);
    expect((await refresh(sim, tokens.refresh_token)).status).toBe(200);
  });

  it('with rotation: a new refresh token each time and the old one revoked', async () => {
    const { sim } = harness({ scenario: { rotateRefreshTokens: true } });
    const tokens = await login(sim);
    const body = (await (await refresh(sim, tokens.refresh_token)).json()) as { refresh_token: string };
    expect(body.refresh_token).toBeTruthy();
    expect(body.refresh_token).not.toBe(tokens.refresh_token);
    const old = await refresh(sim, tokens.refresh_token);
    expect(await old.json()).toEqual({ error: 'invalid_grant', error_description: 'Refresh token revoked' });
    expect((await refresh(sim, body.refresh_token)).status).toBe(200);
  });

  it('requires the client_id and rejects unknown tokens', async () => {
    const { sim } = harness();
    const tokens = await login(sim);
    const noClient = await postToken(sim, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(((await noClient.json()) as { error: string }).error).toBe('invalid_client');
    expect(await (await refresh(sim, 'AQbogus')).json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
  });

  it('refresh tokens die 6 months after authorization; refreshing does not extend them', async () => {
    const { sim, clock } = harness();
    const tokens = await login(sim);
    clock.advance(182 * 24 * 3600 * 1000);
    expect((await refresh(sim, tokens.refresh_token)).status).toBe(200);
    clock.advance(2 * 24 * 3600 * 1000);
    const res = await refresh(sim, tokens.refresh_token);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
    // A new authorization starts a new 6 months.
    expect((await refresh(sim, (await login(sim)).refresh_token)).status).toBe(200);
  });

  it('the user revoking the app ends refresh and access tokens', async () => {
    const { sim } = harness();
    const tokens = await login(sim);
    sim.control.revokeGrant();
    expect(await (await refresh(sim, tokens.refresh_token)).json()).toEqual({ error: 'invalid_grant', error_description: 'Refresh token revoked' });
    expect((await api(sim, tokens.access_token, 'GET', '/me')).status).toBe(401);
  });

  it('expireRefreshTokens() ends refresh tokens but not live access tokens', async () => {
    const { sim } = harness();
    const tokens = await login(sim);
    sim.control.expireRefreshTokens();
    expect((await refresh(sim, tokens.refresh_token)).status).toBe(400);
    expect((await api(sim, tokens.access_token, 'GET', '/me')).status).toBe(200);
  });

  it('a configurable access-token lifetime', async () => {
    const { sim, clock } = harness({ scenario: { accessTokenLifetimeSec: 60 } });
    const tokens = await login(sim);
    expect(tokens.expires_in).toBe(60);
    clock.advance(60_000);
    expect((await api(sim, tokens.access_token, 'GET', '/me')).status).toBe(401);
  });
});

describe('clients', () => {
  it('the demo client id is 32 lowercase hex characters with both redirect URIs', async () => {
    expect(DEMO_CLIENT_ID).toMatch(/^[0-9a-f]{32}$/);
    const { DEMO_REDIRECT_URIS } = await import('./index');
    expect(DEMO_REDIRECT_URIS).toEqual(['trayplay://callback', 'http://127.0.0.1/callback']);
  });

  it('a loopback redirect with the default port written out still matches', async () => {
    const { redirectMatches } = await import('./accounts/clients');
    expect(redirectMatches('http://127.0.0.1/callback', 'http://127.0.0.1:80/callback')).toBe(true);
    expect(redirectMatches('http://127.0.0.1/callback', 'http://127.0.0.1:8080/callback?x=1')).toBe(false);
    expect(redirectMatches('http://127.0.0.1/callback', 'http://user@127.0.0.1:8080/callback')).toBe(false);
  });
});

describe('control.approve', () => {
  it('throws with the error page text when the authorize request is refused', async () => {
    const { sim, base } = harness();
    await expect(sim.control.approve(authorizeUrl(base, newPkce(), { client_id: 'nope' }))).rejects.toThrow(/INVALID_CLIENT: Invalid client/);
  });

  it('a consent page expires after 10 minutes', async () => {
    const { sim, base, clock } = harness();
    const page = await (await sim.fetch(authorizeUrl(base, newPkce()))).text();
    const txn = /name="txn" value="([^"]+)"/.exec(page)?.[1] ?? '';
    clock.advance(10 * 60 * 1000 + 1);
    const res = await sim.fetch(`${base}/authorize/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ txn, action: 'approve' }).toString(),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});
