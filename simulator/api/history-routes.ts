import type { SimContext } from '../context';
import { apiError, json } from '../http/errors';
import { apiParam, parseNonNegativeInt } from '../http/params';
import type { ApiRequest } from './player-routes';
import { itemJson } from './objects';

// Still served to development-mode apps after February 2026 (facts §3.3): the liked-songs list and the
// recently-played history.

const MAX_LIMIT = 50;

function limitOf(req: ApiRequest): number | Response {
  const raw = apiParam(req.params, 'limit');
  if (raw === undefined) return 20;
  const n = parseNonNegativeInt(raw);
  if (n === null || n < 1 || n > MAX_LIMIT) return apiError(400, `Invalid limit, must be 1-${MAX_LIMIT}`);
  return n;
}

/** `GET /me/tracks`: the user's liked tracks, newest first, offset paging. */
export function getSavedTracks(ctx: SimContext, req: ApiRequest): Response {
  const limit = limitOf(req);
  if (limit instanceof Response) return limit;
  const rawOffset = apiParam(req.params, 'offset');
  const offset = rawOffset === undefined ? 0 : parseNonNegativeInt(rawOffset);
  if (offset === null) return apiError(400, 'Invalid offset');
  const tracks = [...ctx.saved].filter((uri) => uri.startsWith('spotify:track:')).reverse();
  const page = tracks.slice(offset, offset + limit);
  const href = (o: number): string => `${ctx.baseUrl()}/v1/me/tracks?offset=${o}&limit=${limit}`;
  return json({
    href: href(offset),
    limit,
    offset,
    total: tracks.length,
    next: offset + limit < tracks.length ? href(offset + limit) : null,
    previous: offset > 0 ? href(Math.max(0, offset - limit)) : null,
    items: page.map((uri) => ({ added_at: new Date(ctx.savedAt.get(uri) ?? ctx.now()).toISOString(), track: itemJson(ctx, uri) })),
  });
}

/** `GET /me/player/recently-played`: tracks played, newest first, cursor paging by `before` / `after` (ms). */
export function getRecentlyPlayed(ctx: SimContext, req: ApiRequest): Response {
  const limit = limitOf(req);
  if (limit instanceof Response) return limit;
  const rawAfter = apiParam(req.params, 'after');
  const rawBefore = apiParam(req.params, 'before');
  if (rawAfter !== undefined && rawBefore !== undefined) return apiError(400, 'Only one of after and before may be given');
  const after = rawAfter === undefined ? null : parseNonNegativeInt(rawAfter);
  const before = rawBefore === undefined ? null : parseNonNegativeInt(rawBefore);
  if ((rawAfter !== undefined && after === null) || (rawBefore !== undefined && before === null)) return apiError(400, 'Invalid cursor');
  ctx.playback.settle(ctx.now());
  const played = ctx.playback
    .playedTracks()
    .filter((p) => (after === null || p.playedAt > after) && (before === null || p.playedAt < before))
    .slice(0, limit);
  const oldest = played.at(-1);
  const newest = played[0];
  return json({
    href: `${ctx.baseUrl()}/v1/me/player/recently-played?limit=${limit}`,
    limit,
    next: oldest ? `${ctx.baseUrl()}/v1/me/player/recently-played?before=${oldest.playedAt}&limit=${limit}` : null,
    cursors: newest && oldest ? { after: String(newest.playedAt), before: String(oldest.playedAt) } : null,
    items: played.map((p) => ({ track: itemJson(ctx, p.uri), played_at: new Date(p.playedAt).toISOString(), context: null })),
  });
}
