import { describe, expect, it } from 'vitest';

import { DEFAULT_RETRY_AFTER_MS, mapHttpError, parseRetryAfter, readReason, RESTRICTION_REASONS, toAppError } from './api-errors';

const NOW = 1_000_000;
const map = (status: number, reason: string | null, retryAfterHeader: string | null = null) =>
  mapHttpError({ status, reason, retryAfterHeader, now: NOW });

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
    ]);
  });
});
