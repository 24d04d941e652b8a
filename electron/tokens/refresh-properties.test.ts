import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { SPOTIFY_ENDPOINTS } from '../auth/endpoints';
import { RootLogger } from '../logging/logger';
import { noPowerEvents, type PowerEvents } from '../ports/power-events';
import { ManualClock } from '../testing/manual-clock';

import { RefreshScheduler } from './refresh-scheduler';
import { TokenKeeper } from './token-keeper';

const MIN = 60_000;
const HOUR = 60 * MIN;

type Step =
  | { kind: 'run'; ms: number }
  | { kind: 'sleep'; ms: number }
  | { kind: 'outage'; ms: number }
  | { kind: 'serverErrors'; count: number }
  | { kind: 'rotate'; on: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('run' as const), ms: fc.integer({ min: 1, max: 6 * HOUR }) }),
  fc.record({ kind: fc.constant('sleep' as const), ms: fc.integer({ min: MIN, max: 4 * 24 * HOUR }) }),
  fc.record({ kind: fc.constant('outage' as const), ms: fc.integer({ min: MIN, max: 8 * HOUR }) }),
  fc.record({ kind: fc.constant('serverErrors' as const), count: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('rotate' as const), on: fc.boolean() }),
);

/** A token endpoint with expiry bookkeeping, outages, 5xx bursts and optional rotation (old token revoked). */
function world(clock: ManualClock) {
  const expiry = new Map<string, number>();
  let valid = 'refresh-0';
  let n = 0;
  const w = {
    offline: false,
    serverErrors: 0,
    rotate: false,
    expiry,
    http: (_url: string, init?: RequestInit): Promise<Response> => {
      if (w.offline) return Promise.reject(new TypeError('fetch failed'));
      if (w.serverErrors > 0) {
        w.serverErrors -= 1;
        return Promise.resolve(new Response('{}', { status: 503 }));
      }
      const form = new URLSearchParams(typeof init?.body === 'string' ? init.body : '');
      if (form.get('refresh_token') !== valid) {
        return Promise.resolve(new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 400 }));
      }
      n += 1;
      const access = `access-${n}-xxxxxxxx`;
      expiry.set(access, clock.now() + HOUR);
      const body: Record<string, unknown> = { access_token: access, token_type: 'Bearer', expires_in: 3600 };
      if (w.rotate) valid = body.refresh_token = `refresh-${n}`;
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    },
  };
  return w;
}

describe('refresh under arbitrary sleeps, outages, 5xx bursts and rotation', () => {
  it('never hands out an expired token and never ends the session', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 0.999, noNaN: true }), async (steps, r) => {
        const clock = new ManualClock();
        const w = world(clock);
        const ended: string[] = [];
        const logger = new RootLogger({ sink: () => undefined }).scope('p');
        const keeper = new TokenKeeper(
          {
            endpoint: { http: w.http, clock },
            endpoints: () => SPOTIFY_ENDPOINTS,
            logger,
            secrets: { addSecret: () => undefined },
            persist: () => Promise.resolve(),
            erase: () => undefined,
            onChange: () => undefined,
            onEnded: (reason) => ended.push(reason),
            random: () => r,
          },
          () => clock.now(),
        );
        w.expiry.set('access-0-xxxxxxxx', clock.now() + HOUR);
        keeper.set({ clientId: 'c', accessToken: 'access-0-xxxxxxxx', accessExpiresAt: clock.now() + HOUR, refreshToken: 'refresh-0', scopes: [], authorizedAt: clock.now(), account: null });
        const resume = new Set<() => void>();
        const power: PowerEvents = { ...noPowerEvents, onResume: (cb) => (resume.add(cb), () => resume.delete(cb)), onOnline: (cb) => (resume.add(cb), () => resume.delete(cb)) };
        const scheduler = new RefreshScheduler({ clock, power, keeper, logger });
        scheduler.start();
        let expiredHandedOut = 0;
        const poll = (): void => {
          void keeper.getAccessToken().then((t) => {
            if (t.ok && !((w.expiry.get(t.value) ?? 0) > clock.now())) expiredHandedOut += 1;
          });
          clock.setTimeout(poll, 5 * MIN);
        };
        poll();
        for (const step of steps) {
          // Let work started at this instant finish before the clock moves (real time never jumps mid-microtask).
          await clock.advance(0);
          switch (step.kind) {
            case 'run':
              await clock.advance(step.ms);
              break;
            case 'sleep':
              await clock.jump(step.ms);
              resume.forEach((cb) => cb());
              break;
            case 'outage':
              w.offline = true;
              await clock.advance(step.ms);
              w.offline = false;
              resume.forEach((cb) => cb());
              break;
            case 'serverErrors':
              w.serverErrors += step.count;
              break;
            case 'rotate':
              w.rotate = step.on;
              break;
          }
        }
        // Once the world is healthy again, the session recovers within the backoff cap.
        w.serverErrors = 0;
        await clock.advance(10 * MIN);
        const final = await keeper.getAccessToken();
        scheduler.stop();
        expect(expiredHandedOut).toBe(0);
        expect(ended).toEqual([]);
        expect(final.ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
