import { assertNever } from '../../shared/assert-never';
import { err, fail, type AppError, type Err } from '../../shared/result';

import { ApiErrorBodySchema, ApiErrorObjectSchema } from './schemas';

/**
 * Player error reasons that mean "this action is not possible right now" (Spotify's former Player Error
 * Reasons table). They all surface as `restricted` with the reason kept for the UI text.
 */
export const RESTRICTION_REASONS = [
  'NO_PREV_TRACK',
  'NO_NEXT_TRACK',
  'NO_SPECIFIC_TRACK',
  'ALREADY_PAUSED',
  'NOT_PAUSED',
  'NOT_PLAYING_LOCALLY',
  'NOT_PLAYING_TRACK',
  'NOT_PLAYING_CONTEXT',
  'ENDLESS_CONTEXT',
  'CONTEXT_DISALLOW',
  'ALREADY_PLAYING',
  'RATE_LIMITED',
  'REMOTE_CONTROL_DISALLOW',
  'DEVICE_NOT_CONTROLLABLE',
  'UNKNOWN',
] as const;
export type RestrictionReason = (typeof RESTRICTION_REASONS)[number];

/**
 * Which development-mode gate most likely shut the app out. Only orders the explanations the user sees; see
 * `likelyAppGate` for why reading the message is acceptable there and nowhere else.
 */
export type AppGate = 'user_not_allow_listed' | 'owner_not_premium';

/** Where the dashboard fixes both gates. */
export const DEVELOPER_DASHBOARD_URL = 'https://developer.spotify.com/dashboard';

/**
 * What went wrong talking to the Web API, as data. Decided by status, `reason` and which endpoint answered,
 * never by message text.
 */
export type SpotifyError =
  | { readonly kind: 'premium_required' }
  /**
   * Spotify shuts this app out for this account (facts §3.2): the user is not in the app's User Management list,
   * or the app owner's Premium lapsed. Only the user can fix it, in Spotify's dashboard; not the listener's own
   * Premium (that is `premium_required`), and not read-only mode: reads fail too.
   */
  | { readonly kind: 'app_not_authorized'; readonly likelyGate: AppGate | null }
  | { readonly kind: 'no_active_device' }
  | { readonly kind: 'volume_not_controllable' }
  /** A known restriction reason, or `null` for a 403 that carried none (or one we do not know). */
  | { readonly kind: 'restricted'; readonly reason: RestrictionReason | null; readonly rawReason: string | null }
  | { readonly kind: 'rate_limited'; readonly retryAfterMs: number; readonly retryAt: number }
  | { readonly kind: 'quota_exceeded' }
  /** Still 401 after the authorized fetch's one forced refresh and retry. */
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'not_found' }
  /** Other 4xx: our request was wrong (a bug, or Spotify changed). */
  | { readonly kind: 'bad_request'; readonly status: number }
  | { readonly kind: 'server'; readonly status: number }
  | { readonly kind: 'network'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly afterMs: number }
  /** A 2xx whose body we needed but could not read. */
  | { readonly kind: 'invalid_response'; readonly detail: string }
  /**
   * Nothing was sent: no usable token (signed out, the session ended, the refresh answered 5xx). The token
   * lifecycle's own error, shown as it is.
   */
  | { readonly kind: 'session'; readonly error: AppError };

export type SpotifyErrorKind = SpotifyError['kind'];

/** Used when a 429 comes without a usable Retry-After: long enough to leave the 30 s rolling window. */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

/** Retry-After in seconds (Spotify's form) or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only an HTTP date (it names a weekday and month); Date.parse would read '-1' as a year.
  const date = /[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Longest message kept from a non-JSON error body (an HTML error page must not end up in logs whole). */
const MAX_MESSAGE_CHARS = 300;

/**
 * `reason` and `message` of an error body. Never throws: Spotify's error JSON (wrapped or bare) gives both;
 * a bare-text body, as the development-mode 403s send, is its own message with no reason; empty gives neither.
 */
export function readErrorBody(bodyText: string): { readonly reason: string | null; readonly message: string | null } {
  const text = bodyText.trim();
  if (text === '') return { reason: null, message: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { reason: null, message: text.slice(0, MAX_MESSAGE_CHARS) };
  }
  const wrapped = ApiErrorBodySchema.safeParse(json);
  const object = wrapped.success ? wrapped.data.error : ApiErrorObjectSchema.safeParse(json).data;
  return { reason: object?.reason ?? null, message: object?.message ?? null };
}

/** The `reason` of an error body, if the body is Spotify's error JSON. */
export function readReason(bodyText: string): string | null {
  return readErrorBody(bodyText).reason;
}

/**
 * A hint at which gate a reason-less state-read 403 comes from. The message is the only thing that tells the two
 * apart, so it may order the two explanations (shown either way); it never decides the classification, and an
 * unknown or reworded message just gives no hint.
 */
export function likelyAppGate(message: string | null): AppGate | null {
  if (message === null) return null;
  if (/premium/i.test(message)) return 'owner_not_premium';
  if (/registered|approved|user management/i.test(message)) return 'user_not_allow_listed';
  return null;
}

const isRestriction = (reason: string): reason is RestrictionReason =>
  (RESTRICTION_REASONS as readonly string[]).includes(reason);

/**
 * Maps a non-2xx answer to a domain error. `retryAfterHeader` is read only for 429; `message` only as the hint of
 * an `app_not_authorized`.
 */
export function mapHttpError(input: {
  readonly status: number;
  readonly reason: string | null;
  readonly message: string | null;
  /**
   * The request read playback state (`GET /me/player`, `/me/player/devices`): those need no Premium, have no
   * restrictions, and their scope is one Trayplay always asks for and Spotify grants all-or-nothing.
   */
  readonly readsPlaybackState: boolean;
  readonly retryAfterHeader: string | null;
  readonly now: number;
}): SpotifyError {
  const { status, reason, now } = input;
  // Reasons first: they are specific, and Spotify has moved them between statuses before.
  if (reason === 'QUOTA_EXCEEDED') return { kind: 'quota_exceeded' };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(input.retryAfterHeader, now) ?? DEFAULT_RETRY_AFTER_MS;
    return { kind: 'rate_limited', retryAfterMs, retryAt: now + retryAfterMs };
  }
  if (reason === 'PREMIUM_REQUIRED') return { kind: 'premium_required' };
  if (reason === 'NO_ACTIVE_DEVICE') return { kind: 'no_active_device' };
  if (reason === 'VOLUME_CONTROL_DISALLOW') return { kind: 'volume_not_controllable' };
  if (reason !== null && isRestriction(reason)) return { kind: 'restricted', reason, rawReason: reason };
  if (status === 401) return { kind: 'unauthorized' };
  // A reason-less 403 on a state read has nothing left to be but the app's development-mode gates (user not in
  // User Management, owner without Premium, facts §3.2); both come as bare text, differing only in wording.
  if (status === 403 && reason === null && input.readsPlaybackState) {
    return { kind: 'app_not_authorized', likelyGate: likelyAppGate(input.message) };
  }
  // On a command the same 403 may be a new restriction; the next state read tells the gates apart.
  if (status === 403) return { kind: 'restricted', reason: null, rawReason: reason };
  if (status === 404) return { kind: 'not_found' };
  if (status >= 500) return { kind: 'server', status };
  return { kind: 'bad_request', status };
}

const RESTRICTION_TEXT: Record<RestrictionReason, string> = {
  NO_PREV_TRACK: 'There is no previous track here.',
  NO_NEXT_TRACK: 'There is no next track here.',
  NO_SPECIFIC_TRACK: 'That track is not available.',
  ALREADY_PAUSED: 'Playback is already paused.',
  NOT_PAUSED: 'Playback is not paused.',
  NOT_PLAYING_LOCALLY: 'This only works for playback on this computer.',
  NOT_PLAYING_TRACK: 'This only works while a track is playing.',
  NOT_PLAYING_CONTEXT: 'This only works while an album or playlist is playing.',
  ENDLESS_CONTEXT: 'Shuffle is not possible for this kind of playlist.',
  CONTEXT_DISALLOW: 'Spotify does not allow this for what is playing.',
  ALREADY_PLAYING: 'That is already playing.',
  RATE_LIMITED: 'Too many track changes in a row; Spotify asks to slow down.',
  REMOTE_CONTROL_DISALLOW: 'This cannot be controlled remotely.',
  DEVICE_NOT_CONTROLLABLE: 'This device cannot be controlled remotely.',
  UNKNOWN: 'Spotify does not allow this right now.',
};

/** The error the UI shows, in the contract's terms. */
export function toAppError(error: SpotifyError): Err {
  switch (error.kind) {
    case 'premium_required':
      return err('premium_required', 'Controlling playback needs Spotify Premium. Now playing still works.');
    case 'app_not_authorized':
      return err('app_not_authorized', appNotAuthorizedText(error.likelyGate));
    case 'no_active_device':
      return err('no_active_device', 'No Spotify device is active. Pick one to play on.');
    case 'volume_not_controllable':
      return err('volume_not_controllable', 'This device does not let apps change its volume.');
    case 'restricted':
      return err('restricted', error.reason ? RESTRICTION_TEXT[error.reason] : 'Spotify refused this request.');
    case 'rate_limited':
      return err('rate_limited', 'Spotify asked Trayplay to slow down; trying again shortly.', { retryAt: error.retryAt });
    case 'quota_exceeded':
      return err('quota_exceeded', "This Client ID's Spotify API quota is used up for now.");
    case 'unauthorized':
      return err('unauthorized', 'Spotify did not accept the sign-in. Please sign in again.');
    case 'not_found':
      return err('not_found', 'Spotify could not find that.');
    case 'bad_request':
      return err('internal', `Spotify rejected the request (HTTP ${error.status}).`);
    case 'server':
      return err('server', `Spotify had a problem (HTTP ${error.status}); trying again shortly.`);
    case 'network':
      return err('network', 'Cannot reach Spotify. Check the connection.');
    case 'timeout':
      return err('timeout', 'Spotify did not answer in time.');
    case 'invalid_response':
      return err('server', 'Spotify sent an answer Trayplay could not read.');
    case 'session':
      return fail(error.error);
    default:
      return assertNever(error, 'Spotify error');
  }
}

const GATE_TEXT: Record<AppGate, string> = {
  user_not_allow_listed:
    'your Spotify account is not listed under User Management in the settings of the app whose Client ID Trayplay uses (development-mode apps serve only listed users: add it there)',
  owner_not_premium:
    'the account that owns that app no longer has Spotify Premium, which Spotify requires of app owners since 2026 (requests work again a few hours after resubscribing)',
};

/** Both causes, the likelier first: nothing Trayplay can see tells them apart for sure, and both are fixed in the dashboard. */
function appNotAuthorizedText(likely: AppGate | null): string {
  const [first, second]: readonly [AppGate, AppGate] =
    likely === 'owner_not_premium' ? ['owner_not_premium', 'user_not_allow_listed'] : ['user_not_allow_listed', 'owner_not_premium'];
  return `Spotify does not let this app use your account. Either ${GATE_TEXT[first]}, or ${GATE_TEXT[second]}. Fix it at ${DEVELOPER_DASHBOARD_URL}.`;
}
