// A simulated 30-day run of the token lifecycle under a fake clock, against the in-process simulator:
// system sleeps (2 hours, 3 days), network outages, 5xx bursts, a 401 right after a refresh, rotation on
// and off. Prints JSON; `npm run bench` collects it.
import { pathToFileURL } from 'node:url';

import { createKit, createSim, signInViaProtocol } from '../electron/testing/auth-test-kit';
import type { HttpFetch } from '../electron/ports/http';
import { ManualClock } from '../electron/testing/manual-clock';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const DAYS = 30;
/** The player's polling cadence in the soak (the real one is faster; this keeps 30 days quick). */
const POLL_MS = MIN;

type Event =
  | { at: number; kind: 'sleep'; ms: number }
  | { at: number; kind: 'outage'; ms: number }
  | { at: number; kind: 'serverErrors'; count: number }
  | { at: number; kind: 'unauthorizedAfterRefresh' };

/** The timeline, in ms after sign-in. */
function timeline(): Event[] {
  const events: Event[] = [];
  for (const day of [2, 6, 9, 20, 24]) events.push({ at: day * DAY + 23 * HOUR, kind: 'sleep', ms: 2 * HOUR });
  events.push({ at: 12 * DAY + 18 * HOUR, kind: 'sleep', ms: 3 * DAY });
  for (const [day, hours] of [[4, 0.75], [15, 3], [22, 0.5], [27, 1]] as const) events.push({ at: day * DAY + 10 * HOUR, kind: 'outage', ms: hours * HOUR });
  for (const day of [3, 11, 19, 26]) events.push({ at: day * DAY + 14 * HOUR + 7 * MIN, kind: 'serverErrors', count: 12 });
  for (const day of [1, 8, 17, 25, 29]) events.push({ at: day * DAY + 7 * HOUR, kind: 'unauthorizedAfterRefresh' });
  return events.sort((a, b) => a.at - b.at);
}

interface Probe {
  offline: boolean;
  apiRequests: number;
  apiRequestsWithExpiredToken: number;
  api401: number;
  refreshRequestsSent: number;
  refreshRequestsReachingSpotify: number;
  refreshesGranted: number;
  refreshTokensRotated: number;
  exchanges: number;
}

/** Watches the wire: which token each API request carries, and when each token expires (from the token responses). */
function probeFetch(clock: ManualClock, probe: Probe) {
  const expiry = new Map<string, number>();
  return (inner: HttpFetch): HttpFetch =>
    async (url, init) => {
      const body = typeof init?.body === 'string' ? new URLSearchParams(init.body) : null;
      const isToken = url.includes('/api/token');
      const isRefresh = isToken && body?.get('grant_type') === 'refresh_token';
      if (isRefresh) probe.refreshRequestsSent += 1;
      if (url.includes('/v1/')) {
        probe.apiRequests += 1;
        const token = (new Headers(init?.headers).get('authorization') ?? '').replace(/^Bearer /, '');
        const expiresAt = expiry.get(token);
        if (expiresAt === undefined || clock.now() >= expiresAt) probe.apiRequestsWithExpiredToken += 1;
      }
      if (probe.offline) throw new TypeError('fetch failed');
      if (isRefresh) probe.refreshRequestsReachingSpotify += 1;
      const response = await inner(url, init);
      if (url.includes('/v1/') && response.status === 401) probe.api401 += 1;
      if (isToken && response.ok) {
        const json = (await response.clone().json()) as { access_token?: string; expires_in?: number; refresh_token?: string };
        if (json.access_token && json.expires_in) expiry.set(json.access_token, clock.now() + json.expires_in * 1000);
        if (isRefresh) probe.refreshesGranted += 1;
        if (isRefresh && json.refresh_token) probe.refreshTokensRotated += 1;
        else probe.exchanges += 1;
      }
      return response;
    };
}

async function soak(rotate: boolean): Promise<Record<string, unknown>> {
  const started = performance.now();
  const clock = new ManualClock();
  const sim = createSim(clock, { scenario: { rotateRefreshTokens: rotate } });
  const probe: Probe = {
    offline: false,
    apiRequests: 0,
    apiRequestsWithExpiredToken: 0,
    api401: 0,
    refreshRequestsSent: 0,
    refreshRequestsReachingSpotify: 0,
    refreshesGranted: 0,
    refreshTokensRotated: 0,
    exchanges: 0,
  };
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const kit = createKit({ clock, sim, redirectMode: 'protocol', wrapFetch: probeFetch(clock, probe), random });
  await kit.service.start();
  await signInViaProtocol(kit);

  let signOuts = 0;
  let sessionEnded = 0;
  kit.service.onChange(() => {
    const kind = kit.service.state().kind;
    if (kind === 'signedOut') signOuts += 1;
    if (kind === 'sessionEnded') sessionEnded += 1;
  });
  let playerErrors = 0;
  let polling = true;
  const poll = (): void => {
    if (!polling) return;
    void kit.service.authorizedFetch(`${kit.service.endpoints().apiBaseUrl}/me/player`).then(async (answer) => {
      if (!answer.ok || !answer.value.ok) playerErrors += 1;
      if (answer.ok) await answer.value.body?.cancel();
    });
    clock.setTimeout(poll, POLL_MS);
  };
  clock.setTimeout(poll, POLL_MS);

  const origin = clock.now();
  let slept = 0;
  for (const event of timeline()) {
    await clock.advance(origin + event.at - clock.now());
    switch (event.kind) {
      case 'sleep':
        await clock.jump(event.ms);
        slept += event.ms;
        kit.power.emit('resume');
        kit.power.emit('unlock');
        break;
      case 'outage':
        probe.offline = true;
        await clock.advance(event.ms);
        probe.offline = false;
        kit.power.emit('online');
        break;
      case 'serverErrors':
        sim.control.injectFault({ serverErrors: { count: event.count, status: 503 }, target: 'all' });
        break;
      case 'unauthorizedAfterRefresh':
        sim.control.injectFault({ unauthorizedAfterRefresh: 1 });
        break;
    }
  }
  await clock.advance(origin + DAYS * DAY - clock.now());

  const finalState = kit.service.state().kind;
  // Concurrent callers at the refresh point share one request: stop the poller and the scheduler so that
  // nothing else refreshes first, move into the refresh window, and call 50 times at once.
  polling = false;
  kit.service.dispose();
  const token = kit.service.state();
  const expiresAt = token.kind === 'signedIn' ? token.accessExpiresAt : clock.now();
  await clock.jump(Math.max(0, expiresAt - 4 * MIN - clock.now()));
  const before = probe.refreshRequestsSent;
  const results = await Promise.all(Array.from({ length: 50 }, () => kit.service.getAccessToken()));
  const concurrentRefreshRequests = probe.refreshRequestsSent - before;

  // The one way a session ends: Spotify says the grant is dead (here: the user revoked the app).
  sim.control.revokeGrant();
  await clock.jump(HOUR);
  const afterRevoke = await kit.service.getAccessToken();
  const requestsBeforeRetry = probe.refreshRequestsSent;
  await kit.service.getAccessToken();
  const endedOnInvalidGrant = !afterRevoke.ok && kit.service.state().kind === 'sessionEnded' && probe.refreshRequestsSent === requestsBeforeRetry;

  const uptimeHours = (DAYS * DAY - slept) / HOUR;
  return {
    rotation: rotate,
    simulatedDays: DAYS,
    uptimeHours: round(uptimeHours),
    sleptHours: round(slept / HOUR),
    apiRequests: probe.apiRequests,
    apiRequestsWithExpiredToken: probe.apiRequestsWithExpiredToken,
    api401Answers: probe.api401,
    playerCallsFailed: playerErrors,
    refreshesGranted: probe.refreshesGranted,
    refreshesPerUptimeHour: round(probe.refreshesGranted / uptimeHours, 3),
    refreshTokensRotated: probe.refreshTokensRotated,
    refreshRequestsSent: probe.refreshRequestsSent,
    refreshRequestsReachingSpotify: probe.refreshRequestsReachingSpotify,
    refreshRequestsPerUptimeHour: round(probe.refreshRequestsReachingSpotify / uptimeHours, 3),
    signOuts,
    sessionEnded,
    finalState,
    concurrentCallers: results.length,
    concurrentRefreshRequests,
    concurrentAllGotToken: results.every((r) => r.ok),
    endedOnInvalidGrant,
    wallMs: Math.round(performance.now() - started),
  };
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Both soaks, and whether each met the bars. */
export async function run(): Promise<Record<string, unknown>> {
  const runs = [await soak(false), await soak(true)];
  const pass = runs.every(
    (r) =>
      r.apiRequestsWithExpiredToken === 0 &&
      r.signOuts === 0 &&
      r.sessionEnded === 0 &&
      typeof r.refreshesPerUptimeHour === 'number' &&
      r.refreshesPerUptimeHour <= 1.1 &&
      r.concurrentRefreshRequests === 1 &&
      r.endedOnInvalidGrant === true,
  );
  return { benchmark: 'auth-soak', pass, runs };
}

const entry = process.argv[1] ?? '';
if (/auth-soak\.(ts|mjs|js)$/.test(entry) || import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run(), null, 2));
}
