import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { AppErrorSchema } from '../../shared/result';

import {
  DEFAULT_RETRY_AFTER_MS,
  DEVELOPER_DASHBOARD_URL,
  likelyAppGate,
  mapHttpError,
  parseRetryAfter,
  readErrorBody,
  readReason,
  RESTRICTION_REASONS,
  toAppError,
} from './api-errors';

const NOW = 1_000_000;
const map = (status: number, reason: string | null, retryAfterHeader: string | null = null) =>
  mapHttpError({ status, reason, message: null, readsPlaybackState: false, retryAfterHeader, now: NOW });
/** An error answer to GET /me/player (or /devices), from its raw body, as the client maps it. */
const mapStateRead = (status: number, bodyText: string) =>
  mapHttpError({ status, ...readErrorBody(bodyText), readsPlaybackState: true, retryAfterHeader: null, now: NOW });

// The development-mode 403s, as Spotify sends them: bare text, no JSON, no reason (facts §3.2).
const OWNER_NOT_PREMIUM =
  'Active premium subscription required for the owner of the app. When the subscription status changes, it can take a few hours before requests are allowed again.';
const NOT_REGISTERED = 'User not registered in the Developer Dashboard';

describe('mapHttpError', () => {
  it.each(RESTRICTION_REASONS)('maps %s to restricted with the reason kept', (reason) => {
    expect(map(403, reason)).toEqual({ kind: 'restricted', reason, rawReason: reason });
    expect(toAppError(map(403, reason)).error.code).toBe('restricted');
  });

  it('maps the reasons with their own domain errors', () => {
    expect(map(403, 'PREMIUM_REQUIRED')).toEqual({ kind: 'premium_required' });
    expect(map(404, 'NO_ACTIVE_DEVICE')).toEqual({ kind: 'no_active_device' });
    expect(map(403, 'VOLUME_CONTROL_DISALLOW')).toEqual({ kind: 'volume_not_controllable' });
    expect(map(429, 'QUOTA_EXCEEDED')).toEqual({ kind: 'quota_exceeded' });
  });

  it('decides by reason, not status, when Spotify moves a reason', () => {
    expect(map(400, 'PREMIUM_REQUIRED').kind).toBe('premium_required');
    expect(map(403, 'NO_ACTIVE_DEVICE').kind).toBe('no_active_device');
  });

  it('reads Retry-After seconds on 429 and defaults when absent', () => {
    expect(map(429, null, '7')).toEqual({ kind: 'rate_limited', retryAfterMs: 7000, retryAt: NOW + 7000 });
    expect(map(429, null, null)).toEqual({ kind: 'rate_limited', retryAfterMs: DEFAULT_RETRY_AFTER_MS, retryAt: NOW + DEFAULT_RETRY_AFTER_MS });
    expect(map(429, null, 'soon')).toMatchObject({ retryAfterMs: DEFAULT_RETRY_AFTER_MS });
    // A 429 carrying a player reason is still a rate limit (Retry-After rules).
    expect(map(429, 'RATE_LIMITED', '3')).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
  });

  it('treats unknown reasons as generic by status', () => {
    expect(map(403, 'SOMETHING_NEW')).toEqual({ kind: 'restricted', reason: null, rawReason: 'SOMETHING_NEW' });
    expect(map(401, 'SOMETHING_NEW')).toEqual({ kind: 'unauthorized' });
    expect(map(404, 'SOMETHING_NEW')).toEqual({ kind: 'not_found' });
    expect(map(502, 'SOMETHING_NEW')).toEqual({ kind: 'server', status: 502 });
    expect(map(400, 'SOMETHING_NEW')).toEqual({ kind: 'bad_request', status: 400 });
  });

  it('maps bare statuses', () => {
    expect(map(401, null)).toEqual({ kind: 'unauthorized' });
    expect(map(403, null)).toEqual({ kind: 'restricted', reason: null, rawReason: null });
    expect(map(404, null)).toEqual({ kind: 'not_found' });
    expect(map(500, null)).toEqual({ kind: 'server', status: 500 });
    expect(map(503, null)).toEqual({ kind: 'server', status: 503 });
    expect(map(411, null)).toEqual({ kind: 'bad_request', status: 411 });
  });

  it('never looks at the message text', () => {
    const body = JSON.stringify({ error: { status: 403, message: 'Player command failed: Premium required' } });
    expect(map(403, readReason(body))).toEqual({ kind: 'restricted', reason: null, rawReason: null });
  });
});

describe('the development-mode 403s (facts §3.2)', () => {
  it('a reason-less 403 on a state read is app_not_authorized, hinting at the gate its text names', () => {
    expect(mapStateRead(403, OWNER_NOT_PREMIUM)).toEqual({ kind: 'app_not_authorized', likelyGate: 'owner_not_premium' });
    expect(mapStateRead(403, NOT_REGISTERED)).toEqual({ kind: 'app_not_authorized', likelyGate: 'user_not_allow_listed' });
    // The same messages wrapped in Spotify's error JSON, should Spotify start sending them that way.
    const wrapped = (message: string) => JSON.stringify({ error: { status: 403, message } });
    expect(mapStateRead(403, wrapped(OWNER_NOT_PREMIUM))).toEqual({ kind: 'app_not_authorized', likelyGate: 'owner_not_premium' });
    expect(mapStateRead(403, wrapped(NOT_REGISTERED))).toEqual({ kind: 'app_not_authorized', likelyGate: 'user_not_allow_listed' });
  });

  it('classifies by status, reason and endpoint alone: any reason-less body on a state read gives app_not_authorized', () => {
    for (const body of ['', 'Forbidden', '<html><body>403</body></html>', '{"error":{"status":403,"message":"Something new"}}', 'User not approved for app']) {
      expect(mapStateRead(403, body).kind).toBe('app_not_authorized');
    }
    fc.assert(
      fc.property(fc.string(), (body) => {
        fc.pre(readReason(body) === null);
        expect(mapStateRead(403, body).kind).toBe('app_not_authorized');
      }),
    );
  });

  it('unknown or absent wording gives no hint rather than a wrong one', () => {
    expect(mapStateRead(403, '')).toEqual({ kind: 'app_not_authorized', likelyGate: null });
    expect(mapStateRead(403, 'Forbidden')).toEqual({ kind: 'app_not_authorized', likelyGate: null });
    expect(likelyAppGate(null)).toBeNull();
    expect(likelyAppGate('User not approved for app')).toBe('user_not_allow_listed');
    expect(likelyAppGate('Check settings on developer.spotify.com/dashboard, the user may not be registered.')).toBe('user_not_allow_listed');
  });

  it('a 403 with a reason on a state read keeps its reason mapping', () => {
    expect(mapStateRead(403, '{"error":{"status":403,"message":"x","reason":"PREMIUM_REQUIRED"}}')).toEqual({ kind: 'premium_required' });
    expect(mapStateRead(403, '{"error":{"status":403,"message":"x","reason":"UNKNOWN"}}')).toMatchObject({ kind: 'restricted', reason: 'UNKNOWN' });
    expect(mapStateRead(403, '{"error":{"status":403,"message":"x","reason":"NEW_THING"}}')).toMatchObject({ kind: 'restricted', rawReason: 'NEW_THING' });
  });

  it('other statuses on a state read are unchanged', () => {
    expect(mapStateRead(401, OWNER_NOT_PREMIUM)).toEqual({ kind: 'unauthorized' });
    expect(mapStateRead(404, NOT_REGISTERED)).toEqual({ kind: 'not_found' });
    expect(mapStateRead(500, OWNER_NOT_PREMIUM)).toEqual({ kind: 'server', status: 500 });
    expect(mapStateRead(429, NOT_REGISTERED)).toMatchObject({ kind: 'rate_limited' });
  });

  it('on a command, a reason-less 403 stays restricted whatever its text: the next state read decides', () => {
    for (const message of [OWNER_NOT_PREMIUM, NOT_REGISTERED]) {
      expect(mapHttpError({ status: 403, reason: null, message, readsPlaybackState: false, retryAfterHeader: null, now: NOW })).toEqual({
        kind: 'restricted',
        reason: null,
        rawReason: null,
      });
    }
  });
});

describe('readErrorBody', () => {
  it('reads reason and message from the wrapped and the bare error object', () => {
    expect(readErrorBody('{"error":{"status":404,"message":"x","reason":"NO_ACTIVE_DEVICE"}}')).toEqual({ reason: 'NO_ACTIVE_DEVICE', message: 'x' });
    expect(readErrorBody('{"status":400,"message":"Invalid uris"}')).toEqual({ reason: null, message: 'Invalid uris' });
  });

  it('a bare-text body is its own message, trimmed and capped; empty gives neither', () => {
    expect(readErrorBody(`  ${OWNER_NOT_PREMIUM}\n`)).toEqual({ reason: null, message: OWNER_NOT_PREMIUM });
    expect(readErrorBody(NOT_REGISTERED)).toEqual({ reason: null, message: NOT_REGISTERED });
    expect(readErrorBody(`<html>${'x'.repeat(5000)}</html>`).message).toHaveLength(300);
    expect(readErrorBody(' \n ')).toEqual({ reason: null, message: null });
  });

  it('JSON that is not an error object gives neither', () => {
    for (const body of ['[1,2]', 'null', '42', '"text"', '{"error":"invalid_grant"}', '{"error":{"message":7}}']) {
      expect(readErrorBody(body)).toEqual({ reason: null, message: null });
    }
  });

  it('never throws, whatever the body', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (body) => {
        const { reason, message } = readErrorBody(body);
        expect(reason === null || typeof reason === 'string').toBe(true);
        expect(message === null || typeof message === 'string').toBe(true);
      }),
    );
    // A property run, not a timing claim: the shared machine can be slow.
  }, 30_000);
});

describe('readReason', () => {
  it('reads the wrapped and the bare error object', () => {
    expect(readReason('{"error":{"status":404,"message":"x","reason":"NO_ACTIVE_DEVICE"}}')).toBe('NO_ACTIVE_DEVICE');
    expect(readReason('{"status":400,"message":"Invalid uris","reason":"UNKNOWN"}')).toBe('UNKNOWN');
  });

  it('returns null for empty, non-JSON or reason-less bodies', () => {
    expect(readReason('')).toBeNull();
    expect(readReason('Active premium subscription required for the owner of the app.')).toBeNull();
    expect(readReason('{"error":{"status":401,"message":"Missing/invalid/expired access token"}}')).toBeNull();
    expect(readReason('[1,2]')).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('accepts seconds and HTTP dates', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('-1', NOW)).toBeNull();
  });
});

describe('toAppError', () => {
  it('carries retryAt for rate limits', () => {
    expect(toAppError({ kind: 'rate_limited', retryAfterMs: 5000, retryAt: NOW + 5000 }).error).toMatchObject({
      code: 'rate_limited',
      retryAt: NOW + 5000,
    });
  });

  it('app_not_authorized explains both causes, the hinted one first, and links the dashboard', () => {
    for (const likelyGate of ['owner_not_premium', 'user_not_allow_listed', null] as const) {
      const { error } = toAppError({ kind: 'app_not_authorized', likelyGate });
      expect(AppErrorSchema.parse(error)).toEqual(error);
      expect(error.code).toBe('app_not_authorized');
      expect(error.message).toContain(DEVELOPER_DASHBOARD_URL);
      const userManagement = error.message.indexOf('User Management');
      const premium = error.message.indexOf('Premium');
      expect(userManagement).toBeGreaterThan(0);
      expect(premium).toBeGreaterThan(0);
      expect(premium < userManagement).toBe(likelyGate === 'owner_not_premium');
    }
  });

  it('gives every kind a contract code', () => {
    const codes = [
      toAppError({ kind: 'premium_required' }),
      toAppError({ kind: 'no_active_device' }),
      toAppError({ kind: 'volume_not_controllable' }),
      toAppError({ kind: 'quota_exceeded' }),
      toAppError({ kind: 'unauthorized' }),
      toAppError({ kind: 'network', detail: 'x' }),
      toAppError({ kind: 'timeout', afterMs: 1 }),
      toAppError({ kind: 'server', status: 500 }),
      toAppError({ kind: 'invalid_response', detail: 'x' }),
      toAppError({ kind: 'not_found' }),
      toAppError({ kind: 'app_not_authorized', likelyGate: null }),
      toAppError({ kind: 'restricted', reason: null, rawReason: null }),
      toAppError({ kind: 'bad_request', status: 400 }),
    ].map((e) => e.error.code);
    expect(codes).toEqual([
      'premium_required',
      'no_active_device',
      'volume_not_controllable',
      'quota_exceeded',
      'unauthorized',
      'network',
      'timeout',
      'server',
      'server',
      'not_found',
      'app_not_authorized',
      'restricted',
      'internal',
    ]);
  });
});
