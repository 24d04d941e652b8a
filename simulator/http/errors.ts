// Response builders in Spotify's exact shapes: Web API errors are {"error":{status,message,reason?}},
// accounts errors follow RFC 6749 {"error","error_description"}.

export type PlayerReason =
  | 'NO_PREV_TRACK'
  | 'NO_NEXT_TRACK'
  | 'NO_SPECIFIC_TRACK'
  | 'ALREADY_PAUSED'
  | 'NOT_PAUSED'
  | 'NOT_PLAYING_LOCALLY'
  | 'NOT_PLAYING_TRACK'
  | 'NOT_PLAYING_CONTEXT'
  | 'ENDLESS_CONTEXT'
  | 'CONTEXT_DISALLOW'
  | 'ALREADY_PLAYING'
  | 'RATE_LIMITED'
  | 'REMOTE_CONTROL_DISALLOW'
  | 'DEVICE_NOT_CONTROLLABLE'
  | 'VOLUME_CONTROL_DISALLOW'
  | 'NO_ACTIVE_DEVICE'
  | 'PREMIUM_REQUIRED'
  | 'UNKNOWN'
  | 'QUOTA_EXCEEDED';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** A bare text body: what Spotify sends for its app/account gates and the quirky 2xx command bodies. */
export function plainText(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export function noContent(status = 204): Response {
  return new Response(null, { status });
}

export function apiError(status: number, message: string, reason?: PlayerReason, headers: Record<string, string> = {}): Response {
  const error = reason === undefined ? { status, message } : { status, message, reason };
  return json({ error }, status, headers);
}

export function playerError(status: number, reason: PlayerReason): Response {
  return apiError(status, PLAYER_MESSAGES[reason], reason);
}

const PLAYER_MESSAGES: Record<PlayerReason, string> = {
  NO_PREV_TRACK: 'Player command failed: No previous track',
  NO_NEXT_TRACK: 'Player command failed: No next track',
  NO_SPECIFIC_TRACK: 'Player command failed: Track not found',
  ALREADY_PAUSED: 'Player command failed: Restriction violated',
  NOT_PAUSED: 'Player command failed: Restriction violated',
  NOT_PLAYING_LOCALLY: 'Player command failed: Restriction violated',
  NOT_PLAYING_TRACK: 'Player command failed: Restriction violated',
  NOT_PLAYING_CONTEXT: 'Player command failed: Restriction violated',
  ENDLESS_CONTEXT: 'Player command failed: Restriction violated',
  CONTEXT_DISALLOW: 'Player command failed: Restriction violated',
  ALREADY_PLAYING: 'Player command failed: Restriction violated',
  RATE_LIMITED: 'Player command failed: Rate limited',
  REMOTE_CONTROL_DISALLOW: 'Player command failed: Restriction violated',
  DEVICE_NOT_CONTROLLABLE: 'Player command failed: Restriction violated',
  VOLUME_CONTROL_DISALLOW: 'Player command failed: Cannot control device volume',
  NO_ACTIVE_DEVICE: 'Player command failed: No active device found',
  PREMIUM_REQUIRED: 'Player command failed: Premium required',
  UNKNOWN: 'Player command failed: Restriction violated',
  QUOTA_EXCEEDED: 'Too many requests',
};

export function authError(status: number, error: string, description?: string): Response {
  const body = description === undefined ? { error } : { error, error_description: description };
  return json(body, status);
}

export function htmlPage(status: number, title: string, bodyHtml: string): Response {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${bodyHtml}</body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Thrown inside handlers to answer early; the router turns it into its response. */
export class HttpFailure extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}
