import { handleAuthorize, handleDecision } from '../accounts/authorize';
import { handleToken } from '../accounts/token';
import { authenticate } from '../api/auth';
import type { ApiRequest } from '../api/player-routes';
import * as player from '../api/player-routes';
import * as user from '../api/user-routes';
import * as history from '../api/history-routes';
import { isRemovedForDevMode } from '../api/removed-endpoints';
import type { FaultState, SimContext } from '../context';
import type { ArtCache } from './art';
import { HttpFailure, apiError, authError, json } from './errors';
import { MAX_URL_BYTES, Params } from './params';

// One handler for everything the simulator serves, on web-standard Request/Response: the accounts
// service, the Web API under /v1, cover art, and the control API. The HTTP server and the in-process
// fetch both call it, so they behave the same.

/** Signals a connection-level failure; fetch turns it into undici's TypeError, the server destroys the socket. */
export class ConnectionReset extends Error {
  constructor() {
    super('read ECONNRESET');
  }
}

type Handler = (ctx: SimContext, req: ApiRequest) => Response | Promise<Response>;

interface ApiRoute {
  method: string;
  path: string;
  scopes: readonly string[];
  handler: Handler;
}

const READ_STATE = ['user-read-playback-state'];
const MODIFY = ['user-modify-playback-state'];

const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/v1/me', scopes: [], handler: (ctx) => user.getMe(ctx) },
  { method: 'GET', path: '/v1/me/player', scopes: READ_STATE, handler: player.getPlaybackState },
  { method: 'PUT', path: '/v1/me/player', scopes: MODIFY, handler: player.transfer },
  { method: 'GET', path: '/v1/me/player/currently-playing', scopes: ['user-read-currently-playing'], handler: player.getCurrentlyPlaying },
  { method: 'GET', path: '/v1/me/player/devices', scopes: READ_STATE, handler: (ctx) => player.getDevices(ctx) },
  { method: 'PUT', path: '/v1/me/player/play', scopes: MODIFY, handler: player.play },
  { method: 'PUT', path: '/v1/me/player/pause', scopes: MODIFY, handler: player.pause },
  { method: 'POST', path: '/v1/me/player/next', scopes: MODIFY, handler: player.next },
  { method: 'POST', path: '/v1/me/player/previous', scopes: MODIFY, handler: player.previous },
  { method: 'PUT', path: '/v1/me/player/seek', scopes: MODIFY, handler: player.seek },
  { method: 'PUT', path: '/v1/me/player/volume', scopes: MODIFY, handler: player.volume },
  { method: 'PUT', path: '/v1/me/player/shuffle', scopes: MODIFY, handler: player.shuffle },
  { method: 'PUT', path: '/v1/me/player/repeat', scopes: MODIFY, handler: player.repeat },
  { method: 'GET', path: '/v1/me/player/queue', scopes: ['user-read-currently-playing', 'user-read-playback-state'], handler: (ctx) => player.getQueue(ctx) },
  { method: 'POST', path: '/v1/me/player/queue', scopes: MODIFY, handler: player.addToQueue },
  { method: 'PUT', path: '/v1/me/library', scopes: ['user-library-modify'], handler: user.saveToLibrary },
  { method: 'DELETE', path: '/v1/me/library', scopes: ['user-library-modify'], handler: user.removeFromLibrary },
  { method: 'GET', path: '/v1/me/library/contains', scopes: ['user-library-read'], handler: user.libraryContains },
  { method: 'GET', path: '/v1/me/tracks', scopes: ['user-library-read'], handler: history.getSavedTracks },
  { method: 'GET', path: '/v1/me/player/recently-played', scopes: ['user-read-recently-played'], handler: history.getRecentlyPlayed },
];

const API_PATHS = new Set(API_ROUTES.map((r) => r.path));
const ROUTE_BY_KEY = new Map(API_ROUTES.map((r) => [`${r.method} ${r.path}`, r]));
const WINDOW_MS = 30_000;
const QUOTA_RETRY_AFTER_SEC = 3600;
const MAX_COUNTER_KEYS = 500;

export interface RouterDeps {
  ctx: SimContext;
  art: ArtCache;
  counters: Map<string, number>;
  controlApi: boolean;
  control: (request: Request, url: URL) => Promise<Response>;
  sleep: (ms: number) => Promise<void>;
}

export function createRouter(deps: RouterDeps): (request: Request) => Promise<Response> {
  const { ctx } = deps;
  return async (request) => {
    if (request.url.length > MAX_URL_BYTES) return apiError(414, 'URI Too Long');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return apiError(400, 'Bad request');
    }
    const path = url.pathname;
    if (path === '/__control' || path.startsWith('/__control/')) {
      if (!deps.controlApi) return apiError(404, 'Service not found');
      return guard(() => deps.control(request, url));
    }
    const area: 'api' | 'accounts' | 'other' = path.startsWith('/v1/') ? 'api' : path === '/authorize' || path.startsWith('/authorize/') || path === '/api/token' ? 'accounts' : 'other';
    count(deps.counters, request.method, path);

    const latency = ctx.scenario.latencyMs + ctx.faults.latencyMs;
    if (latency > 0) await deps.sleep(latency);
    if (area !== 'other' && takeOneShot(ctx.faults.resets, area)) throw new ConnectionReset();
    if (area !== 'other' && takeOneShot(ctx.faults.serverErrors, area)) {
      const status = ctx.faults.serverErrors.status;
      return area === 'api' ? apiError(status, status === 502 ? 'Bad gateway' : status === 503 ? 'Service unavailable' : 'Server error') : authError(status, 'server_error', 'Server error');
    }
    if (area !== 'other' && takeOneShot(ctx.faults.rateLimitStorm, area)) {
      return apiError(429, 'API rate limit exceeded', undefined, { 'retry-after': String(ctx.faults.rateLimitStorm.retryAfterSec) });
    }
    return guard(async () => {
      if (area === 'accounts') return accounts(ctx, request, url);
      if (area === 'api') return api(ctx, request, url);
      if (request.method === 'GET' && path.startsWith('/art/')) return art(deps, path);
      if (request.method === 'GET' && path === '/') return json({ service: 'spotify-simulator' });
      return apiError(404, 'Service not found');
    });
  };
}

async function guard(run: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HttpFailure) return error.response;
    if (error instanceof ConnectionReset) throw error;
    // Never crash on bad input: answer like Spotify's edge does.
    return apiError(500, 'Server error');
  }
}

function takeOneShot(fault: FaultState['resets'], area: 'api' | 'accounts'): boolean {
  if (fault.count <= 0 || (fault.target !== 'all' && fault.target !== area)) return false;
  fault.count -= 1;
  return true;
}

function count(counters: Map<string, number>, method: string, path: string): void {
  let key = `${method} ${path.startsWith('/art/') ? '/art' : path}`;
  if (!counters.has(key) && counters.size >= MAX_COUNTER_KEYS) key = `${method} (other)`;
  counters.set(key, (counters.get(key) ?? 0) + 1);
}

function accounts(ctx: SimContext, request: Request, url: URL): Response | Promise<Response> {
  const path = url.pathname;
  if (path === '/authorize' && request.method === 'GET') return handleAuthorize(ctx, url);
  if (path === '/authorize/decision' && request.method === 'POST') return handleDecision(ctx, request);
  if (path === '/api/token' && request.method === 'POST') return handleToken(ctx, request);
  if (path === '/authorize' || path === '/api/token' || path === '/authorize/decision') return authError(405, 'invalid_request', 'Method not allowed');
  return apiError(404, 'Service not found');
}

async function api(ctx: SimContext, request: Request, url: URL): Promise<Response> {
  const limited = rateLimit(ctx);
  if (limited) return limited;
  const route = ROUTE_BY_KEY.get(`${request.method} ${url.pathname}`);
  if (!route) {
    if (isRemovedForDevMode(request.method, url.pathname)) {
      authenticate(ctx, request, []);
      return apiError(403, 'Forbidden');
    }
    return API_PATHS.has(url.pathname) ? apiError(405, 'Method not allowed') : apiError(404, 'Service not found');
  }
  authenticate(ctx, request, route.scopes);
  if (route.scopes !== MODIFY) return route.handler(ctx, { request, params: Params.from(url.searchParams) });
  // A player command answers at once but shows in reads only after Spotify's apply lag; one Spotify refused
  // (4xx: the handler answered or threw) changed nothing, so it holds nothing back.
  const before = ctx.playback.viewBefore(ctx.now());
  const response = await route.handler(ctx, { request, params: Params.from(url.searchParams) });
  if (response.ok) ctx.playback.holdView(before, ctx.scenario.commandLagMs);
  return response;
}

/** Quota and the rolling 30-second window; only counted requests reach the route. */
function rateLimit(ctx: SimContext): Response | null {
  if (ctx.faults.quotaExhausted || (ctx.scenario.quota !== null && ctx.quotaUsed >= ctx.scenario.quota)) {
    return apiError(429, 'Too many requests', 'QUOTA_EXCEEDED', { 'retry-after': String(QUOTA_RETRY_AFTER_SEC) });
  }
  const limit = ctx.scenario.rateLimitPer30s;
  if (limit !== null) {
    const now = ctx.now();
    let drop = 0;
    while (drop < ctx.window.length && (ctx.window[drop] ?? 0) <= now - WINDOW_MS) drop++;
    if (drop > 0) ctx.window.splice(0, drop);
    if (ctx.window.length >= limit) {
      const oldest = ctx.window[0] ?? now;
      const retryAfter = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
      return apiError(429, 'API rate limit exceeded', undefined, { 'retry-after': String(retryAfter) });
    }
    ctx.window.push(now);
  }
  ctx.quotaUsed += 1;
  return null;
}

function art(deps: RouterDeps, path: string): Response {
  const match = /^\/art\/(album|show)\/([A-Za-z0-9]{1,64})\/(64|300|640)\.png$/.exec(path);
  if (!match) return apiError(404, 'Not found');
  const [, kind = '', id = '', size = '0'] = match;
  const hue = kind === 'album' ? deps.ctx.catalogue.albums.get(id)?.hue : deps.ctx.catalogue.shows.get(id)?.hue;
  if (hue === undefined) return apiError(404, 'Not found');
  const png = deps.art.get(`${kind}/${id}`, hue, Number(size));
  return new Response(new Uint8Array(png), { status: 200, headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=31536000' } });
}
