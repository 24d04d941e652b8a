import type { ExternalAction, Fault, PlayingKind, Scenario } from '../types';

// Checks for control-API JSON: the HTTP control API is for tests, but still never trusts its input.

type Check<T> = { ok: true; value: T } | { ok: false; error: string };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isInt = (v: unknown, min = 0): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

export function checkScenario(input: unknown): Check<Partial<Scenario>> {
  if (!isObj(input)) return { ok: false, error: 'scenario must be an object' };
  const out: Partial<Scenario> = {};
  for (const [key, v] of Object.entries(input)) {
    switch (key) {
      case 'product':
        if (v !== 'premium' && v !== 'free') return { ok: false, error: 'product must be premium or free' };
        out.product = v;
        break;
      case 'rotateRefreshTokens':
      case 'autoApprove':
      case 'startPlaying':
      case 'quirkyCommandBodies':
      case 'userAllowListed':
      case 'ownerPremium':
        if (typeof v !== 'boolean') return { ok: false, error: `${key} must be a boolean` };
        out[key] = v;
        break;
      case 'rateLimitPer30s':
      case 'quota':
        if (v !== null && !isInt(v)) return { ok: false, error: `${key} must be a non-negative integer or null` };
        out[key] = v;
        break;
      case 'accessTokenLifetimeSec':
      case 'refreshTokenLifetimeMs':
      case 'latencyMs':
      case 'commandLagMs':
        if (!isInt(v)) return { ok: false, error: `${key} must be a non-negative integer` };
        out[key] = v;
        break;
      case 'accountName':
        if (typeof v !== 'string' || v.length > 200) return { ok: false, error: 'accountName must be a short string' };
        out.accountName = v;
        break;
      default:
        return { ok: false, error: `unknown scenario field ${key}` };
    }
  }
  return { ok: true, value: out };
}

export function checkFault(input: unknown): Check<Fault> {
  if (!isObj(input)) return { ok: false, error: 'fault must be an object' };
  const out: Fault = {};
  for (const [key, v] of Object.entries(input)) {
    if (key === 'latencyMs' || key === 'resets' || key === 'unauthorizedAfterRefresh') {
      if (!isInt(v)) return { ok: false, error: `${key} must be a non-negative integer` };
      out[key] = v;
    } else if (key === 'quotaExhausted') {
      if (typeof v !== 'boolean') return { ok: false, error: 'quotaExhausted must be a boolean' };
      out.quotaExhausted = v;
    } else if (key === 'serverErrors') {
      if (!isObj(v) || !isInt(v.count) || (v.status !== undefined && !(isInt(v.status, 500) && v.status <= 599))) {
        return { ok: false, error: 'serverErrors must be {count, status?: 500-599}' };
      }
      out.serverErrors = v.status === undefined ? { count: v.count } : { count: v.count, status: v.status };
    } else if (key === 'rateLimitStorm') {
      if (!isObj(v) || !isInt(v.count) || !isInt(v.retryAfterSec)) return { ok: false, error: 'rateLimitStorm must be {retryAfterSec, count}' };
      out.rateLimitStorm = { count: v.count, retryAfterSec: v.retryAfterSec };
    } else if (key === 'target') {
      if (v !== 'api' && v !== 'accounts' && v !== 'all') return { ok: false, error: 'target must be api, accounts or all' };
      out.target = v;
    } else {
      return { ok: false, error: `unknown fault field ${key}` };
    }
  }
  return { ok: true, value: out };
}

const KINDS: readonly PlayingKind[] = ['track', 'episode', 'ad', 'local', 'nothing'];

export function checkKind(input: unknown): Check<PlayingKind> {
  const kind = isObj(input) ? input.kind : undefined;
  const found = KINDS.find((k) => k === kind);
  return found ? { ok: true, value: found } : { ok: false, error: `kind must be one of ${KINDS.join(', ')}` };
}

export function checkAction(input: unknown): Check<ExternalAction> {
  if (!isObj(input) || typeof input.type !== 'string') return { ok: false, error: 'action must be {type, …}' };
  const bad = (error: string): Check<ExternalAction> => ({ ok: false, error });
  switch (input.type) {
    case 'pause':
    case 'resume':
    case 'next':
    case 'previous':
    case 'disconnect':
      return { ok: true, value: { type: input.type } };
    case 'seek':
      return isInt(input.positionMs) ? { ok: true, value: { type: 'seek', positionMs: input.positionMs } } : bad('seek needs positionMs');
    case 'transfer':
      if (typeof input.deviceId !== 'string' || (input.play !== undefined && typeof input.play !== 'boolean')) return bad('transfer needs deviceId');
      return { ok: true, value: { type: 'transfer', deviceId: input.deviceId, ...(input.play === undefined ? {} : { play: input.play }) } };
    case 'play': {
      const action: ExternalAction & { type: 'play' } = { type: 'play' };
      if (input.contextUri !== undefined) {
        if (typeof input.contextUri !== 'string') return bad('contextUri must be a string');
        action.contextUri = input.contextUri;
      }
      if (input.uris !== undefined) {
        if (!Array.isArray(input.uris)) return bad('uris must be strings');
        const uris: unknown[] = input.uris;
        if (!uris.every((u): u is string => typeof u === 'string')) return bad('uris must be strings');
        action.uris = uris;
      }
      if (input.offset !== undefined) {
        if (!isInt(input.offset)) return bad('offset must be an index');
        action.offset = input.offset;
      }
      if (input.positionMs !== undefined) {
        if (!isInt(input.positionMs)) return bad('positionMs must be a non-negative integer');
        action.positionMs = input.positionMs;
      }
      if (input.deviceId !== undefined) {
        if (typeof input.deviceId !== 'string') return bad('deviceId must be a string');
        action.deviceId = input.deviceId;
      }
      return { ok: true, value: action };
    }
    case 'shuffle':
      return typeof input.state === 'boolean' ? { ok: true, value: { type: 'shuffle', state: input.state } } : bad('shuffle needs state: boolean');
    case 'repeat':
      return input.state === 'off' || input.state === 'track' || input.state === 'context' ? { ok: true, value: { type: 'repeat', state: input.state } } : bad('repeat needs state');
    case 'volume':
      return isInt(input.percent) && input.percent <= 100 ? { ok: true, value: { type: 'volume', percent: input.percent } } : bad('volume needs percent 0-100');
    case 'privateSession':
      return typeof input.deviceId === 'string' && typeof input.on === 'boolean' ? { ok: true, value: { type: 'privateSession', deviceId: input.deviceId, on: input.on } } : bad('privateSession needs deviceId and on');
    default:
      return bad(`unknown action ${input.type}`);
  }
}
