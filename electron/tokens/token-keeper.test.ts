import { describe, expect, it } from 'vitest';

import { SPOTIFY_ENDPOINTS } from '../auth/endpoints';
import { memorySink, RootLogger } from '../logging/logger';
import type { PowerEvents } from '../ports/power-events';
import { ManualClock, settle } from '../testing/manual-clock';

import { createAuthorizedFetch } from './authorized-fetch';
import { RefreshScheduler } from './refresh-scheduler';
import { CLIENT_REJECTED_REASON, REFRESH_MARGIN_MS, SESSION_ENDED_REASON, TokenKeeper } from './token-keeper';
import type { TokenSet } from './token-set';

const HOUR = 3600_000;

type Reply = { status: number; body?: unknown } | 'network';

/** A scripted token endpoint: each refresh takes the next reply (or a fresh token by default). */
function fakeAccounts(clock: ManualClock) {
  const replies: Reply[] = [];
  const forms: Record<string, string>[] = [];
  let n = 0;
  let gate: Promise<void> | null = null;
  const http = async (_url: string, init?: RequestInit): Promise<Response> => {
    forms.push(Object.fromEntries(new URLSearchParams(typeof init?.body === 'string' ? init.body : '')));
    if (gate) await gate;
    const reply = replies.shift() ?? { status: 200, body: { access_token: `access-${++n}-xxxxxxxx`, token_type: 'Bearer', expires_in: 3600 } };
    if (reply === 'network') throw new TypeError('fetch failed');
    return new Response(JSON.stringify(reply.body ?? {}), { status: reply.status });
  };
  return {
    http,
    replies,
    forms,
    hold: () => {
      let release = () => undefined as void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    clock,
  };
}

function setup(overrides: Partial<TokenSet> = {}) {
  const clock = new ManualClock();
  const accounts = fakeAccounts(clock);
  const { sink, lines } = memorySink();
  const root = new RootLogger({ sink });
  const persisted: TokenSet[] = [];
  const ended: string[] = [];
  const order: string[] = [];
  const keeper = new TokenKeeper(
    {
      endpoint: { http: accounts.http, clock },
      endpoints: () => SPOTIFY_ENDPOINTS,
      logger: root.scope('refresh'),
      secrets: root,
      persist: (t) => {
        order.push(`persist:${t.accessToken}`);
        persisted.push(t);
        return Promise.resolve();
      },
      erase: () => order.push('erase'),
      onChange: () => undefined,
      onEnded: (reason) => ended.push(reason),
      random: () => 0.5,
    },
    () => clock.now(),
  );
  const tokens: TokenSet = {
    clientId: 'c'.repeat(32),
    accessToken: 'access-0-xxxxxxxx',
    accessExpiresAt: clock.now() + HOUR,
    refreshToken: 'refresh-original-xxxx',
    scopes: ['a'],
    authorizedAt: clock.now(),
    account: null,
    ...overrides,
  };
  keeper.set(tokens);
  return { clock, accounts, keeper, persisted, ended, order, lines, tokens };
}

describe('TokenKeeper', () => {
  it('hands out the current token without refreshing while it is fresh', async () => {
    const { keeper, accounts } = setup();
    expect(await keeper.getAccessToken()).toEqual({ ok: true, value: 'access-0-xxxxxxxx' });
    expect(accounts.forms).toHaveLength(0);
  });

  it('makes concurrent callers share exactly one refresh request', async () => {
    const { keeper, accounts, clock } = setup();
    await clock.advance(HOUR - REFRESH_MARGIN_MS);
    const release = accounts.hold();
    const calls = Array.from({ length: 10 }, () => keeper.getAccessToken());
    const forced = keeper.refreshAfterUnauthorized('access-0-xxxxxxxx');
    release();
    const results = await Promise.all([...calls, forced]);
    expect(accounts.forms).toHaveLength(1);
    expect(new Set(results.map((r) => (r.ok ? r.value : 'error')))).toEqual(new Set(['access-1-xxxxxxxx']));
  });

  it('keeps the stored refresh token when none comes back, replaces it when one does, and persists before use', async () => {
    const { keeper, accounts, persisted, order } = setup();
    await keeper.refresh();
    expect(persisted.at(-1)?.refreshToken).toBe('refresh-original-xxxx');
    accounts.replies.push({ status: 200, body: { access_token: 'access-rot-xxxxxxx', token_type: 'Bearer', expires_in: 3600, refresh_token: 'refresh-rotated-xxxx' } });
    await keeper.refresh();
    expect(persisted.at(-1)?.refreshToken).toBe('refresh-rotated-xxxx');
    expect(keeper.current()?.refreshToken).toBe('refresh-rotated-xxxx');
    await keeper.refresh();
    expect(accounts.forms.at(-1)?.refresh_token).toBe('refresh-rotated-xxxx');
    expect(order[0]).toBe('persist:access-1-xxxxxxxx');
  });

  it('ends the session on invalid_grant, once, without retrying', async () => {
    const { keeper, accounts, ended } = setup();
    accounts.replies.push({ status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token revoked' } });
    const result = await keeper.refresh();
    expect(result).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(ended).toEqual([SESSION_ENDED_REASON]);
    expect(keeper.current()).toBeNull();
    expect(await keeper.getAccessToken()).toMatchObject({ ok: false });
    expect(accounts.forms).toHaveLength(1);
  });

  it('ends the session when Spotify no longer knows the Client ID', async () => {
    const { keeper, accounts, ended } = setup();
    accounts.replies.push({ status: 400, body: { error: 'invalid_client', error_description: 'Invalid client' } });
    expect(await keeper.refresh()).toMatchObject({ ok: false, error: { code: 'invalid_client_id' } });
    expect(ended).toEqual([CLIENT_REJECTED_REASON]);
  });

  it('backs off on network errors and 5xx, keeps the session, and serves the old token while it is valid', async () => {
    const { keeper, accounts, clock, ended } = setup();
    await clock.advance(HOUR - REFRESH_MARGIN_MS);
    accounts.replies.push('network', { status: 503 }, { status: 502 });
    expect(await keeper.getAccessToken()).toEqual({ ok: true, value: 'access-0-xxxxxxxx' });
    // Backing off: no new request until the retry time.
    expect(await keeper.getAccessToken()).toEqual({ ok: true, value: 'access-0-xxxxxxxx' });
    expect(accounts.forms).toHaveLength(1);
    const wait1 = keeper.nextDueAt()! - clock.now();
    await clock.advance(wait1);
    await keeper.refreshIfDue();
    const wait2 = keeper.nextDueAt()! - clock.now();
    expect(wait2).toBeGreaterThan(wait1);
    await clock.advance(wait2);
    await keeper.refreshIfDue();
    await clock.advance(keeper.nextDueAt()! - clock.now());
    await keeper.refreshIfDue();
    expect(keeper.current()?.accessToken).toBe('access-1-xxxxxxxx');
    expect(ended).toEqual([]);
  });

  it('never hands out a token that is expired or about to be', async () => {
    const { keeper, accounts, clock } = setup();
    accounts.replies.push('network');
    await clock.jump(HOUR + 1000);
    expect(await keeper.getAccessToken()).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('caps the backoff at 5 minutes', async () => {
    const { keeper, accounts, clock } = setup();
    await clock.advance(HOUR - REFRESH_MARGIN_MS);
    for (let i = 0; i < 12; i += 1) accounts.replies.push('network');
    for (let i = 0; i < 12; i += 1) {
      await keeper.refresh();
      const wait = keeper.nextDueAt()! - clock.now();
      expect(wait).toBeLessThanOrEqual(5 * 60_000);
      await clock.advance(Math.max(0, wait));
    }
  });

  it('shares a refresh after 401: the second caller with the same stale token gets the new one', async () => {
    const { keeper, accounts } = setup();
    const a = await keeper.refreshAfterUnauthorized('access-0-xxxxxxxx');
    const b = await keeper.refreshAfterUnauthorized('access-0-xxxxxxxx');
    expect(a).toEqual(b);
    expect(accounts.forms).toHaveLength(1);
  });

  it('drops a refresh that finished after sign-out and wipes what it wrote', async () => {
    const { keeper, accounts, order } = setup();
    const release = accounts.hold();
    const pending = keeper.refresh();
    keeper.clear();
    release();
    expect(await pending).toMatchObject({ ok: false });
    expect(keeper.current()).toBeNull();
    expect(order).not.toContain('persist:access-1-xxxxxxxx');
  });

  it('hands out no token from a refresh whose write finished after sign-out, and wipes after the write', async () => {
    const clock = new ManualClock();
    const accounts = fakeAccounts(clock);
    const root = new RootLogger({ sink: () => undefined });
    const order: string[] = [];
    let releaseWrite = (): void => undefined;
    const keeper = new TokenKeeper(
      {
        endpoint: { http: accounts.http, clock },
        endpoints: () => SPOTIFY_ENDPOINTS,
        logger: root.scope('refresh'),
        secrets: root,
        persist: (t) =>
          new Promise<void>((resolve) => {
            order.push(`write:${t.accessToken}`);
            releaseWrite = () => {
              order.push(`written:${t.accessToken}`);
              resolve();
            };
          }),
        erase: () => order.push('erase'),
        onChange: () => undefined,
        onEnded: () => undefined,
        random: () => 0.5,
      },
      () => clock.now(),
    );
    keeper.set({ clientId: 'c'.repeat(32), accessToken: 'access-0-xxxxxxxx', accessExpiresAt: clock.now() + HOUR, refreshToken: 'refresh-original-xxxx', scopes: [], authorizedAt: clock.now(), account: null });
    const pending = keeper.refresh();
    await settle();
    expect(order).toEqual(['write:access-1-xxxxxxxx']);
    keeper.clear();
    releaseWrite();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(keeper.current()).toBeNull();
    await keeper.settled();
    // Sign-out wins on disk too: the wipe comes after the write that was under way.
    expect(order).toEqual(['write:access-1-xxxxxxxx', 'written:access-1-xxxxxxxx', 'erase']);
    expect(await keeper.getAccessToken()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('keeps an account name that arrived while a refresh was out (suspected in #13: proven)', async () => {
    const { keeper, accounts, persisted } = setup();
    const release = accounts.hold();
    const pending = keeper.refresh();
    keeper.amend({ account: { id: 'u1', displayName: 'Ada' } });
    release();
    expect(await pending).toMatchObject({ ok: true });
    expect(keeper.current()).toMatchObject({ accessToken: 'access-1-xxxxxxxx', account: { displayName: 'Ada' } });
    await keeper.settled();
    expect(persisted.at(-1)).toMatchObject({ accessToken: 'access-1-xxxxxxxx', account: { displayName: 'Ada' } });
  });

  it('uses the refreshed token when the account name is amended during the refresh write', async () => {
    const clock = new ManualClock();
    const accounts = fakeAccounts(clock);
    const root = new RootLogger({ sink: () => undefined });
    const written: TokenSet[] = [];
    const waiting: Array<() => void> = [];
    const keeper = new TokenKeeper(
      {
        endpoint: { http: accounts.http, clock },
        endpoints: () => SPOTIFY_ENDPOINTS,
        logger: root.scope('refresh'),
        secrets: root,
        persist: (t) =>
          new Promise<void>((resolve) => {
            waiting.push(() => {
              written.push(t);
              resolve();
            });
          }),
        erase: () => undefined,
        onChange: () => undefined,
        onEnded: () => undefined,
        random: () => 0.5,
      },
      () => clock.now(),
    );
    keeper.set({ clientId: 'c'.repeat(32), accessToken: 'access-0-xxxxxxxx', accessExpiresAt: clock.now() + HOUR, refreshToken: 'refresh-original-xxxx', scopes: [], authorizedAt: clock.now(), account: null });
    const pending = keeper.refresh();
    await settle();
    expect(waiting).toHaveLength(1);
    keeper.amend({ account: { id: 'u1', displayName: 'Ada' } });
    while (waiting.length > 0) {
      waiting.shift()?.();
      await settle();
    }
    expect(await pending).toEqual({ ok: true, value: 'access-1-xxxxxxxx' });
    await keeper.settled();
    expect(keeper.current()).toMatchObject({ accessToken: 'access-1-xxxxxxxx', account: { displayName: 'Ada' } });
    expect(await keeper.getAccessToken()).toEqual({ ok: true, value: 'access-1-xxxxxxxx' });
    expect(written.at(-1)).toMatchObject({ accessToken: 'access-1-xxxxxxxx', account: { displayName: 'Ada' } });
  });

  it('registers new tokens with the logger before anything can log them', async () => {
    const { keeper, lines } = setup();
    await keeper.refresh();
    const root = new RootLogger({ sink: () => undefined });
    expect(root.redact('x')).toBe('x');
    expect(lines.join('\n')).not.toMatch(/access-1|refresh-original/);
  });
});

describe('authorized fetch', () => {
  it('retries once with a refreshed token after a 401', async () => {
    const { keeper, accounts } = setup();
    const sent: string[] = [];
    const api = (_url: string, init?: RequestInit): Promise<Response> => {
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      sent.push(auth);
      return Promise.resolve(new Response(null, { status: sent.length === 1 ? 401 : 200 }));
    };
    const fetchApi = createAuthorizedFetch(keeper, () => api);
    const answer = await fetchApi('https://api.spotify.com/v1/me/player', { method: 'GET' });
    expect(answer.ok && answer.value.status).toBe(200);
    expect(sent).toEqual(['Bearer access-0-xxxxxxxx', 'Bearer access-1-xxxxxxxx']);
    expect(accounts.forms).toHaveLength(1);
  });

  it('gives up after one retry', async () => {
    const { keeper } = setup();
    let calls = 0;
    const api = (): Promise<Response> => Promise.resolve(new Response(null, { status: (calls += 1) > 0 ? 401 : 200 }));
    const answer = await createAuthorizedFetch(keeper, () => api)('https://api.spotify.com/v1/me');
    expect(answer.ok && answer.value.status).toBe(401);
    expect(calls).toBe(2);
  });

  it('answers with the token error as it is: network when no valid token can be had, not_signed_in without a session', async () => {
    const { keeper, accounts, clock } = setup();
    const api = () => Promise.resolve(new Response('{}', { status: 200 }));
    const authorized = createAuthorizedFetch(keeper, () => api);
    expect(await authorized('u')).toMatchObject({ ok: true, value: { status: 200 } });
    accounts.replies.push('network');
    await clock.jump(HOUR);
    expect(await authorized('u')).toMatchObject({ ok: false, error: { code: 'network' } });
    keeper.clear();
    expect(await authorized('u')).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('sends nothing when not signed in', async () => {
    const { keeper } = setup();
    keeper.clear();
    let calls = 0;
    const answer = await createAuthorizedFetch(keeper, () => () => Promise.resolve(new Response(null, { status: (calls += 1) && 200 })))('u');
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(calls).toBe(0);
  });
});

function fakePower() {
  const handlers = { resume: new Set<() => void>(), unlock: new Set<() => void>(), online: new Set<() => void>() };
  const sub = (set: Set<() => void>) => (cb: () => void) => (set.add(cb), () => set.delete(cb));
  const power: PowerEvents = { onResume: sub(handlers.resume), onUnlock: sub(handlers.unlock), onOnline: sub(handlers.online) };
  const emit = (kind: keyof typeof handlers) => handlers[kind].forEach((cb) => cb());
  return { power, emit };
}

describe('RefreshScheduler', () => {
  const start = (s: ReturnType<typeof setup>, power = fakePower()) => {
    const scheduler = new RefreshScheduler({ clock: s.clock, power: power.power, keeper: s.keeper, logger: new RootLogger({ sink: () => undefined }).scope('s') });
    scheduler.start();
    return { scheduler, ...power };
  };

  it('refreshes about 5 minutes before expiry, from the absolute expiry, with short timers', async () => {
    const s = setup();
    const { scheduler } = start(s);
    await s.clock.advance(HOUR - REFRESH_MARGIN_MS - 1000);
    expect(s.accounts.forms).toHaveLength(0);
    expect(s.clock.pending).toBe(1);
    await s.clock.advance(2000);
    expect(s.accounts.forms).toHaveLength(1);
    await s.clock.advance(24 * HOUR);
    // One refresh per 55 minutes.
    expect(s.accounts.forms.length).toBeGreaterThanOrEqual(26);
    expect(s.accounts.forms.length).toBeLessThanOrEqual(28);
    scheduler.stop();
    expect(s.clock.pending).toBe(0);
  });

  it('catches up at once on resume after a long sleep', async () => {
    const s = setup();
    const { emit } = start(s);
    await s.clock.jump(3 * 24 * HOUR);
    emit('resume');
    await s.clock.advance(0);
    expect(s.accounts.forms).toHaveLength(1);
    expect(s.keeper.current()!.accessExpiresAt).toBeGreaterThan(s.clock.now());
  });

  it('retries at once when the network comes back instead of waiting out the backoff', async () => {
    const s = setup();
    const { emit } = start(s);
    for (let i = 0; i < 5; i += 1) s.accounts.replies.push('network');
    await s.clock.advance(HOUR - REFRESH_MARGIN_MS);
    const before = s.accounts.forms.length;
    s.accounts.replies.length = 0;
    emit('online');
    await s.clock.advance(0);
    expect(s.accounts.forms.length).toBe(before + 1);
    expect(s.keeper.current()!.accessToken).toMatch(/^access-\d+-/);
  });
});
