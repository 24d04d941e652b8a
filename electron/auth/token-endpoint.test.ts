import { describe, expect, it } from 'vitest';

import { ManualClock } from '../testing/manual-clock';

import { SPOTIFY_ENDPOINTS } from './endpoints';
import { exchangeCode, interpret, isTransient, refreshGrant } from './token-endpoint';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('token endpoint', () => {
  it('posts the PKCE exchange as a form, with no secret', async () => {
    const seen: { url: string; body: string; headers: Headers }[] = [];
    const http = (url: string, init?: RequestInit): Promise<Response> => {
      seen.push({ url, body: typeof init?.body === 'string' ? init.body : '', headers: new Headers(init?.headers) });
      return Promise.resolve(json(200, { access_token: 'AT', token_type: 'Bearer', expires_in: 3600, refresh_token: 'RT', scope: 'b a' }));
    };
    const result = await exchangeCode({ http, clock: new ManualClock() }, SPOTIFY_ENDPOINTS, {
      clientId: 'cid',
      code: 'the-code',
      redirectUri: 'trayplay://callback',
      verifier: 'ver',
    });
    expect(result).toEqual({ ok: true, value: { accessToken: 'AT', expiresInSec: 3600, refreshToken: 'RT', scopes: ['a', 'b'] } });
    expect(seen[0]!.url).toBe('https://accounts.spotify.com/api/token');
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'trayplay://callback',
      client_id: 'cid',
      code_verifier: 'ver',
    });
    expect(seen[0]!.headers.get('authorization')).toBeNull();
  });

  it('reads a refresh answer without a refresh token as "keep the old one"', async () => {
    const http = () => Promise.resolve(json(200, { access_token: 'AT2', token_type: 'bearer', expires_in: 3600, scope: 'a' }));
    const result = await refreshGrant({ http, clock: new ManualClock() }, SPOTIFY_ENDPOINTS, { clientId: 'c', refreshToken: 'RT' });
    expect(result).toMatchObject({ ok: true, value: { refreshToken: null } });
  });

  it.each([
    [json(400, { error: 'invalid_grant', error_description: 'Refresh token revoked' }), 'invalid_grant'],
    [json(400, { error: 'invalid_client', error_description: 'Invalid client' }), 'invalid_client'],
    [json(400, { error: 'invalid_request', error_description: 'code_verifier required' }), 'rejected'],
    [json(503, { error: 'x' }), 'server'],
    [new Response('<html>bad gateway</html>', { status: 502 }), 'server'],
    [json(429, {}, { 'Retry-After': '7' }), 'rate_limited'],
    [json(200, { access_token: 'AT', token_type: 'mac', expires_in: 3600 }), 'bad_response'],
    [new Response('not json', { status: 200 }), 'bad_response'],
  ])('maps %# to %s', async (response, kind) => {
    const result = await interpret(response, 0);
    expect(result).toMatchObject({ ok: false, error: { kind } });
  });

  it('uses Retry-After for rate limits', async () => {
    expect(await interpret(json(429, {}, { 'Retry-After': '7' }), 0)).toEqual({ ok: false, error: { kind: 'rate_limited', retryAfterMs: 7000 } });
  });

  it('turns a transport failure into a network error, never a sign-out', async () => {
    const http = () => Promise.reject(new TypeError('fetch failed'));
    const result = await refreshGrant({ http, clock: new ManualClock() }, SPOTIFY_ENDPOINTS, { clientId: 'c', refreshToken: 'RT' });
    expect(result).toEqual({ ok: false, error: { kind: 'network', message: 'TypeError' } });
    if (!result.ok) expect(isTransient(result.error)).toBe(true);
    expect(isTransient({ kind: 'invalid_grant', description: '' })).toBe(false);
  });
});
