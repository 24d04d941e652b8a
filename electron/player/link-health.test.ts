import { describe, expect, it } from 'vitest';

import type { SpotifyError } from '../spotify/api-errors';

import { INITIAL_LINK_HEALTH, PREMIUM_REASON, reduceLinkHealth, wakePending, type LinkEvent, type LinkHealth } from './link-health';

// The link-health reducer on its own: pure, so each case is one event (or a few) on a known health.

const T = 1_000_000;
const run = (events: readonly LinkEvent[], from: LinkHealth = INITIAL_LINK_HEALTH): LinkHealth => events.reduce(reduceLinkHealth, from);
const rateLimited = (at: number, afterMs: number): SpotifyError => ({ kind: 'rate_limited', retryAfterMs: afterMs, retryAt: at + afterMs });

describe('reduceLinkHealth', () => {
  describe('wakes', () => {
    it('a wake is pending until a read leaves; the read answers every wake so far', () => {
      const woken = run([{ kind: 'wake', cause: 'resume' }, { kind: 'wake', cause: 'online' }]);
      expect(wakePending(woken)).toBe(true);
      expect(wakePending(run([{ kind: 'read-sent', at: T }], woken))).toBe(false);
    });

    it('a failed token attempt answers only the wakes seen when it started', () => {
      const first = run([{ kind: 'wake', cause: 'resume' }]);
      const seenAtStart = first.wakeSeq;
      const later = run([{ kind: 'wake', cause: 'window-shown' }, { kind: 'token-failed', at: T, wakeSeq: seenAtStart, offline: false }], first);
      expect(wakePending(later)).toBe(true);
      const answered = run([{ kind: 'token-failed', at: T + 1, wakeSeq: later.wakeSeq, offline: false }], later);
      expect(wakePending(answered)).toBe(false);
      expect(answered.failures).toBe(2);
    });

    it('only a shown window lifts the quota backoff; window or sign-in lifts a block', () => {
      const held = { ...INITIAL_LINK_HEALTH, quotaExceededAt: T, blockedMessage: 'refused' };
      expect(run([{ kind: 'wake', cause: 'resume' }], held)).toMatchObject({ quotaExceededAt: T, blockedMessage: 'refused' });
      expect(run([{ kind: 'wake', cause: 'window-shown' }], held)).toMatchObject({ quotaExceededAt: null, blockedMessage: null });
      expect(run([{ kind: 'wake', cause: 'auth-changed' }], held)).toMatchObject({ quotaExceededAt: T, blockedMessage: null, signedIn: true });
    });

    it('probe-block asks for one read', () => {
      expect(wakePending(run([{ kind: 'probe-block' }]))).toBe(true);
    });
  });

  describe('pushback', () => {
    it('Retry-After keeps the later end; a read that fails on it is not a failure', () => {
      const h = run([
        { kind: 'pushback', error: rateLimited(T, 30_000), at: T },
        { kind: 'read-failed', error: rateLimited(T, 5_000), at: T },
      ]);
      expect(h).toMatchObject({ rateLimitedUntil: T + 30_000, failures: 0 });
    });

    it('quota is remembered when it came; the user acting lifts it', () => {
      const h = run([{ kind: 'pushback', error: { kind: 'quota_exceeded' }, at: T }]);
      expect(h.quotaExceededAt).toBe(T);
      expect(run([{ kind: 'user-acted' }], h).quotaExceededAt).toBeNull();
      expect(reduceLinkHealth(INITIAL_LINK_HEALTH, { kind: 'user-acted' })).toBe(INITIAL_LINK_HEALTH);
    });

    it('Premium required makes the session read-only', () => {
      expect(run([{ kind: 'pushback', error: { kind: 'premium_required' }, at: T }]).readOnlyReason).toBe(PREMIUM_REASON);
    });

    it('other errors leave it as it was', () => {
      expect(reduceLinkHealth(INITIAL_LINK_HEALTH, { kind: 'pushback', error: { kind: 'network', detail: 'offline' }, at: T })).toBe(INITIAL_LINK_HEALTH);
    });
  });

  describe('reads', () => {
    it('network failures count as offline, others as stale; a good read clears the run and the pushback', () => {
      const offline = run([{ kind: 'read-failed', error: { kind: 'network', detail: 'offline' }, at: T }]);
      expect(offline).toMatchObject({ failures: 1, lastFailure: 'offline' });
      const stale = run([{ kind: 'read-failed', error: { kind: 'server', status: 503 }, at: T }], offline);
      expect(stale).toMatchObject({ failures: 2, lastFailure: 'stale' });
      const good = run([{ kind: 'read-ok', startedAt: T + 5 }], { ...stale, quotaExceededAt: T, blockedMessage: 'x' });
      expect(good).toMatchObject({ failures: 0, quotaExceededAt: null, blockedMessage: null, lastGoodAt: T + 5 });
    });

    it('an app refused outright blocks, without counting a failure', () => {
      const h = run([{ kind: 'read-failed', error: { kind: 'app_not_authorized', likelyGate: null }, at: T }]);
      expect(h.blockedMessage).not.toBeNull();
      expect(h.failures).toBe(0);
    });

    it('a read that threw still counts', () => {
      expect(run([{ kind: 'read-threw' }]).failures).toBe(1);
    });
  });

  describe('accounts', () => {
    const pushedBack = run([
      { kind: 'pushback', error: rateLimited(T, 30_000), at: T },
      { kind: 'pushback', error: { kind: 'premium_required' }, at: T },
      { kind: 'read-failed', error: { kind: 'network', detail: 'offline' }, at: T },
    ]);

    it('another account or a sign-out forgets every pushback of the old one', () => {
      for (const kind of ['account-signed-in', 'signed-out'] as const) {
        expect(run([{ kind }], pushedBack)).toMatchObject({
          rateLimitedUntil: null,
          rateLimitedSetAt: null,
          readOnlyReason: null,
          failures: 0,
          signedIn: kind === 'account-signed-in',
        });
      }
    });

    it('a good token means signed in again', () => {
      const out = run([{ kind: 'signed-out' }]);
      expect(run([{ kind: 'token-ok' }], out).signedIn).toBe(true);
      expect(reduceLinkHealth(INITIAL_LINK_HEALTH, { kind: 'token-ok' })).toBe(INITIAL_LINK_HEALTH);
    });
  });

  describe('the wall clock set back', () => {
    const limited = run([{ kind: 'pushback', error: rateLimited(T, 30_000), at: T }]);

    it('moves a Retry-After back with it, keeping its length', () => {
      const back = T - 3_600_000;
      expect(run([{ kind: 'clock-seen', now: back }], limited)).toMatchObject({ rateLimitedUntil: back + 30_000, rateLimitedSetAt: back });
    });

    it('changes nothing while the clock runs forward', () => {
      expect(reduceLinkHealth(limited, { kind: 'clock-seen', now: T + 10_000 })).toBe(limited);
      expect(reduceLinkHealth(INITIAL_LINK_HEALTH, { kind: 'clock-seen', now: 0 })).toBe(INITIAL_LINK_HEALTH);
    });
  });
});
