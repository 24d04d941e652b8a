import type { SimContext } from '../context';
import { HttpFailure, apiError, json, noContent, plainText, playerError } from '../http/errors';
import type { Params } from '../http/params';
import { apiParam, isRecord, parseJsonBody, parseNonNegativeInt, readBody } from '../http/params';
import { randomToken } from '../pkce';
import type { DeviceState } from '../types';
import type { CommandResult, PlayRequest } from '../world/playback';
import type { PlayState } from '../world/clock';
import { progressOf } from '../world/clock';
import { contextJson, deviceJson, itemJson } from './objects';

// The /v1/me/player endpoints (facts §4). Commands: Premium only, need a controllable target device.

export interface ApiRequest {
  request: Request;
  params: Params;
}

const TRACK_OR_EPISODE = /^spotify:(track|episode):[A-Za-z0-9]{1,64}$/;
const PLAYABLE_URI = /^spotify:(track:[A-Za-z0-9]{1,64}|episode:[A-Za-z0-9]{1,64}|local:[^\s]{1,512})$/;

function result(r: CommandResult): Response {
  return r.ok ? noContent() : playerError(r.status, r.reason);
}

/**
 * Play, pause and add-to-queue: with `quirkyCommandBodies`, success is a 200 whose body is a short opaque id
 * (not JSON), as Spotify has sent since July 2024 (facts §4.1); clients that parse every body break on it.
 */
function quirkyResult(ctx: SimContext, r: CommandResult): Response {
  return r.ok && ctx.scenario.quirkyCommandBodies ? plainText(200, randomToken('', 20)) : result(r);
}

/**
 * The device a command acts on: `device_id` if given, else the active one. An explicit id wakes an idle
 * listed device (facts §4.1), except for volume, which just targets that device.
 */
function commandDevice(ctx: SimContext, params: Params, wake = true): DeviceState {
  if (ctx.scenario.product === 'free') throw new HttpFailure(playerError(403, 'PREMIUM_REQUIRED'));
  const deviceId = apiParam(params, 'device_id');
  let device: DeviceState | undefined;
  if (deviceId !== undefined) {
    device = ctx.playback.device(deviceId);
    if (!device) throw new HttpFailure(apiError(404, 'Device not found'));
  } else {
    device = ctx.playback.activeDevice();
    if (!device) throw new HttpFailure(playerError(404, 'NO_ACTIVE_DEVICE'));
  }
  if (device.isRestricted) throw new HttpFailure(playerError(403, 'DEVICE_NOT_CONTROLLABLE'));
  if (wake && !device.isActive) ctx.playback.transfer(ctx.now(), device, undefined, 'api');
  return device;
}

function includesEpisodes(params: Params): boolean {
  const types = apiParam(params, 'additional_types');
  return types !== undefined && types.split(',').includes('episode');
}

function itemFor(ctx: SimContext, params: Params, s: PlayState): { item: Record<string, unknown> | null; type: string } {
  const current = s.current;
  if (!current) return { item: null, type: 'unknown' };
  if (current.kind === 'ad') return { item: null, type: 'ad' };
  if (current.kind === 'episode') return { item: includesEpisodes(params) ? itemJson(ctx, current.uri) : null, type: 'episode' };
  return { item: itemJson(ctx, current.uri), type: 'track' };
}

export function getPlaybackState(ctx: SimContext, req: ApiRequest): Response {
  const now = ctx.now();
  // Reads see commands only once Spotify has applied them (scenario.commandLagMs after their answer).
  const view = ctx.playback.visible(now);
  const s = view.state;
  const device = view.activeDevice();
  if (!device || !s.current) return noContent();
  const privateSession = device.isPrivateSession;
  const { item, type } = privateSession ? { item: null, type: 'unknown' } : itemFor(ctx, req.params, s);
  return json({
    device: deviceJson(device),
    shuffle_state: s.shuffle,
    smart_shuffle: false,
    repeat_state: s.repeat,
    timestamp: s.changedAt,
    context: privateSession ? null : contextJson(ctx, s.contextUri),
    progress_ms: progressOf(s, now),
    item,
    currently_playing_type: type,
    actions: { disallows: view.disallows() },
    is_playing: s.isPlaying,
  });
}

export function getCurrentlyPlaying(ctx: SimContext, req: ApiRequest): Response {
  const now = ctx.now();
  const view = ctx.playback.visible(now);
  const s = view.state;
  const device = view.activeDevice();
  // Nothing active, or a private session: 204 with an empty body.
  if (!device || !s.current || device.isPrivateSession) return noContent();
  const { item, type } = itemFor(ctx, req.params, s);
  return json({
    timestamp: now,
    context: contextJson(ctx, s.contextUri),
    progress_ms: progressOf(s, now),
    item,
    currently_playing_type: type,
    actions: { disallows: view.disallows() },
    is_playing: s.isPlaying,
  });
}

export function getDevices(ctx: SimContext): Response {
  return json({ devices: ctx.playback.visible(ctx.now()).devices.map(deviceJson) });
}

export async function transfer(ctx: SimContext, req: ApiRequest): Promise<Response> {
  const body = await jsonBody(req.request);
  if (!isRecord(body) || !Array.isArray(body.device_ids)) return apiError(400, 'Required field device_ids missing');
  const ids: unknown[] = body.device_ids;
  if (ids.length !== 1) return apiError(400, 'Only a single device_id is currently supported');
  const [id] = ids;
  if (typeof id !== 'string') return apiError(400, 'Invalid device_ids');
  if (body.play !== undefined && typeof body.play !== 'boolean') return apiError(400, 'Invalid play value');
  if (ctx.scenario.product === 'free') return playerError(403, 'PREMIUM_REQUIRED');
  const device = ctx.playback.device(id);
  if (!device) return apiError(404, 'Device not found');
  if (device.isRestricted) return playerError(403, 'DEVICE_NOT_CONTROLLABLE');
  return result(ctx.playback.transfer(ctx.now(), device, body.play, 'api'));
}

export async function play(ctx: SimContext, req: ApiRequest): Promise<Response> {
  const body = await jsonBody(req.request);
  const parsed = parsePlayBody(body);
  if (typeof parsed === 'string') return apiError(400, parsed);
  commandDevice(ctx, req.params);
  return quirkyResult(ctx, ctx.playback.play(ctx.now(), parsed, 'api'));
}

function parsePlayBody(body: unknown): PlayRequest | string {
  if (body === undefined) return {};
  if (!isRecord(body)) return 'Malformed json';
  const out: PlayRequest = {};
  if (body.context_uri !== undefined) {
    if (typeof body.context_uri !== 'string' || !/^spotify:(album|playlist|artist|show):[A-Za-z0-9]{1,64}$/.test(body.context_uri)) return 'Invalid context uri';
    out.contextUri = body.context_uri;
  }
  if (body.uris !== undefined) {
    if (out.contextUri !== undefined) return 'Only one of context_uri and uris may be given';
    if (!Array.isArray(body.uris) || body.uris.length === 0 || body.uris.length > 800) return 'Invalid uris';
    const uris: unknown[] = body.uris;
    if (!uris.every((u): u is string => typeof u === 'string' && PLAYABLE_URI.test(u))) return 'Invalid track uri';
    out.uris = uris;
  }
  if (body.offset !== undefined) {
    if (!isRecord(body.offset)) return 'Invalid offset';
    const { position, uri } = body.offset;
    if (position !== undefined) {
      if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0) return 'Invalid offset position';
      out.offsetPosition = position;
    } else if (uri !== undefined) {
      if (typeof uri !== 'string' || !PLAYABLE_URI.test(uri)) return 'Invalid offset uri';
      out.offsetUri = uri;
    } else {
      return 'Invalid offset';
    }
    if (out.contextUri === undefined && out.uris === undefined) return 'Offset requires context_uri or uris';
  }
  if (body.position_ms !== undefined) {
    if (typeof body.position_ms !== 'number' || !Number.isSafeInteger(body.position_ms) || body.position_ms < 0) return 'Invalid position_ms';
    out.positionMs = body.position_ms;
  }
  return out;
}

async function jsonBody(request: Request): Promise<unknown> {
  const bytes = await readBody(request);
  if (bytes === 'too-large') throw new HttpFailure(apiError(413, 'Request entity too large'));
  return parseJsonBody(bytes);
}

export function pause(ctx: SimContext, req: ApiRequest): Response {
  commandDevice(ctx, req.params);
  return quirkyResult(ctx, ctx.playback.pause(ctx.now(), 'api'));
}

export function next(ctx: SimContext, req: ApiRequest): Response {
  commandDevice(ctx, req.params);
  return result(ctx.playback.next(ctx.now(), 'api'));
}

export function previous(ctx: SimContext, req: ApiRequest): Response {
  commandDevice(ctx, req.params);
  return result(ctx.playback.previous(ctx.now(), 'api'));
}

export function seek(ctx: SimContext, req: ApiRequest): Response {
  const position = parseNonNegativeInt(apiParam(req.params, 'position_ms'));
  if (position === null) return apiError(400, 'Required parameter position_ms missing or invalid');
  commandDevice(ctx, req.params);
  return result(ctx.playback.seek(ctx.now(), position, 'api'));
}

export function volume(ctx: SimContext, req: ApiRequest): Response {
  const percent = parseNonNegativeInt(apiParam(req.params, 'volume_percent'));
  if (percent === null || percent > 100) return apiError(400, 'Invalid volume_percent, must be 0-100');
  const device = commandDevice(ctx, req.params, false);
  return result(ctx.playback.setVolume(ctx.now(), device, percent, 'api'));
}

export function shuffle(ctx: SimContext, req: ApiRequest): Response {
  const state = apiParam(req.params, 'state');
  if (state !== 'true' && state !== 'false') return apiError(400, 'Invalid state, must be true or false');
  commandDevice(ctx, req.params);
  return result(ctx.playback.setShuffle(ctx.now(), state === 'true', 'api'));
}

export function repeat(ctx: SimContext, req: ApiRequest): Response {
  const state = apiParam(req.params, 'state');
  if (state !== 'track' && state !== 'context' && state !== 'off') return apiError(400, 'Invalid state, must be track, context or off');
  commandDevice(ctx, req.params);
  return result(ctx.playback.setRepeat(ctx.now(), state, 'api'));
}

export function getQueue(ctx: SimContext): Response {
  const now = ctx.now();
  const s = ctx.playback.settle(now);
  const current = s.current && s.current.kind !== 'ad' ? itemJson(ctx, s.current.uri) : null;
  const queue = ctx.playback.upcoming(now, 20).map((uri) => itemJson(ctx, uri)).filter((item) => item !== null);
  return json({ currently_playing: current, queue });
}

export function addToQueue(ctx: SimContext, req: ApiRequest): Response {
  const uri = apiParam(req.params, 'uri');
  if (uri === undefined) return apiError(400, 'Required parameter uri missing');
  if (!TRACK_OR_EPISODE.test(uri)) return apiError(400, 'Invalid uri');
  commandDevice(ctx, req.params);
  return quirkyResult(ctx, ctx.playback.addToQueue(ctx.now(), uri, 'api'));
}
