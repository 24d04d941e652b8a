import type { SimContext } from '../context';
import { apiError, json } from '../http/errors';
import { apiParam } from '../http/params';
import type { ApiRequest } from './player-routes';
import { userJson } from './objects';

// GET /me and the 2026 library endpoints (/me/library, at most 40 URIs in the query).

const LIBRARY_URI = /^spotify:(track|album|episode|show|audiobook|artist|playlist|user):[A-Za-z0-9]{1,64}$/;
const MAX_URIS = 40;
const MAX_LIBRARY = 100_000;

export function getMe(ctx: SimContext): Response {
  return json(userJson(ctx));
}

function libraryUris(req: ApiRequest): string[] | Response {
  const raw = apiParam(req.params, 'uris');
  if (raw === undefined || raw === '') return apiError(400, 'Missing required parameter: uris');
  const uris = raw.split(',');
  if (uris.length > MAX_URIS) return apiError(400, `Too many URIs requested, maximum is ${MAX_URIS}`);
  if (!uris.every((uri) => LIBRARY_URI.test(uri))) return apiError(400, 'Invalid URI');
  return uris;
}

export function saveToLibrary(ctx: SimContext, req: ApiRequest): Response {
  const uris = libraryUris(req);
  if (uris instanceof Response) return uris;
  // A generous cap keeps a runaway client from growing memory without bound.
  if (ctx.saved.size + uris.length > MAX_LIBRARY) return apiError(400, 'Library is full');
  for (const uri of uris) {
    // Re-saving moves nothing: Spotify keeps the first added_at.
    if (!ctx.saved.has(uri)) ctx.savedAt.set(uri, ctx.now());
    ctx.saved.add(uri);
  }
  return new Response(null, { status: 200 });
}

export function removeFromLibrary(ctx: SimContext, req: ApiRequest): Response {
  const uris = libraryUris(req);
  if (uris instanceof Response) return uris;
  for (const uri of uris) {
    ctx.saved.delete(uri);
    ctx.savedAt.delete(uri);
  }
  return new Response(null, { status: 200 });
}

export function libraryContains(ctx: SimContext, req: ApiRequest): Response {
  const uris = libraryUris(req);
  if (uris instanceof Response) return uris;
  return json(uris.map((uri) => ctx.saved.has(uri)));
}
