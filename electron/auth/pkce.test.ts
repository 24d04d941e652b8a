import { createHash } from 'node:crypto';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { buildAuthorizeUrl, isAllowedBrowserUrl } from './authorize-url';
import { simulatorEndpoints, SPOTIFY_ENDPOINTS } from './endpoints';
import { challengeOf, createState, createVerifier, VERIFIER_PATTERN } from './pkce';
import { findProtocolUrl } from './protocol-url';
import { REQUESTED_SCOPES } from './scopes';

describe('PKCE', () => {
  it('makes verifiers of 43–128 unreserved characters, different every time', () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => createVerifier()));
    expect(verifiers.size).toBe(50);
    for (const v of verifiers) expect(v).toMatch(VERIFIER_PATTERN);
  });

  it('is valid for any random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => VERIFIER_PATTERN.test(createVerifier(() => bytes))));
  });

  it('derives the S256 challenge as base64url(sha256) without padding (RFC 7636 appendix B)', () => {
    expect(challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const v = createVerifier();
    expect(challengeOf(v)).toBe(createHash('sha256').update(v).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  });

  it('makes a fresh state per call', () => {
    expect(createState()).not.toBe(createState());
  });
});

describe('authorize URL', () => {
  it('lists every parameter Spotify needs', () => {
    const url = new URL(buildAuthorizeUrl(SPOTIFY_ENDPOINTS, { clientId: 'c'.repeat(32), redirectUri: 'trayplay://callback', state: 'st', verifier: 'v'.repeat(43) }));
    expect(url.origin + url.pathname).toBe('https://accounts.spotify.com/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'c'.repeat(32),
      response_type: 'code',
      redirect_uri: 'trayplay://callback',
      state: 'st',
      scope: REQUESTED_SCOPES.join(' '),
      code_challenge_method: 'S256',
      code_challenge: challengeOf('v'.repeat(43)),
    });
  });

  it('allows only the accounts origin in the browser', () => {
    expect(isAllowedBrowserUrl('https://accounts.spotify.com/authorize?x=1', SPOTIFY_ENDPOINTS)).toBe(true);
    expect(isAllowedBrowserUrl('http://accounts.spotify.com/authorize', SPOTIFY_ENDPOINTS)).toBe(false);
    expect(isAllowedBrowserUrl('https://evil.example/authorize', SPOTIFY_ENDPOINTS)).toBe(false);
    expect(isAllowedBrowserUrl('https://accounts.spotify.com.evil.example/', SPOTIFY_ENDPOINTS)).toBe(false);
    expect(isAllowedBrowserUrl('https://u:p@accounts.spotify.com/', SPOTIFY_ENDPOINTS)).toBe(false);
    expect(isAllowedBrowserUrl('file:///etc/passwd', SPOTIFY_ENDPOINTS)).toBe(false);
    expect(isAllowedBrowserUrl('not a url', SPOTIFY_ENDPOINTS)).toBe(false);
    const sim = simulatorEndpoints('http://127.0.0.1:4000/');
    expect(isAllowedBrowserUrl('http://127.0.0.1:4000/authorize', sim)).toBe(true);
    expect(isAllowedBrowserUrl('http://127.0.0.1:4001/authorize', sim)).toBe(false);
  });
});

describe('findProtocolUrl', () => {
  it('finds the URL by its prefix wherever it is in argv', () => {
    expect(findProtocolUrl(['/app/trayplay', 'trayplay://callback?code=a&state=b', '--original-process-start-time=1'])).toBe(
      'trayplay://callback?code=a&state=b',
    );
    expect(findProtocolUrl(['/app/trayplay', '--flag'])).toBeNull();
    expect(findProtocolUrl(['TRAYPLAY://callback?x'])).toBe('TRAYPLAY://callback?x');
  });
});
