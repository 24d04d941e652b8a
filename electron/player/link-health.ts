import { toAppError, type SpotifyError } from '../spotify/api-errors';

/** Why `wake` was called. Only a window being shown counts as the user acting (it lifts the quota backoff). */
export type WakeCause = 'window-shown' | 'resume' | 'online' | 'auth-changed' | 'local-hint';

export const PREMIUM_REASON = 'Controlling playback needs Spotify Premium. Now playing still works.';

/**
 * How the link to Spotify stands: sign-in, pushback (Retry-After, quota, refused app, Premium) and failed
 * reads in a row. The refresh policy and the notice read it; `reduceLinkHealth` is the only way it changes.
 */
export interface LinkHealth {
  readonly signedIn: boolean;
  readonly readOnlyReason: string | null;
  /** Failed reads (or token attempts) in a row, and what kind the last one was (for the notice). */
  readonly failures: number;
  readonly lastFailure: 'offline' | 'stale';
  /** When the last read (or token attempt) left. */
  readonly lastFetchAt: number | null;
  /** When the last good observation was asked for: pushback older than it no longer makes the display stale. */
  readonly lastGoodAt: number | null;
  readonly rateLimitedUntil: number | null;
  /** When that Retry-After arrived (wall clock), so a clock set back can keep the wait's length. */
  readonly rateLimitedSetAt: number | null;
  readonly quotaExceededAt: number | null;
  /**
   * Spotify refuses this app outright (user not allow-listed, or the app owner's Premium lapsed): the user must
   * fix it in the dashboard, so polling stops until a window is shown, sign-in changes or a command is tried.
   */
  readonly blockedMessage: string | null;
  /**
   * Wakes counted, and the last one a read or token attempt answered. Counted rather than a flag because an
   * attempt answers only the wakes it saw start: one arriving while it is out is still owed a look.
   */
  readonly wakeSeq: number;
  readonly answeredWakeSeq: number;
}

/** A wake no read or token attempt has answered yet. */
export function wakePending(h: LinkHealth): boolean {
  return h.wakeSeq > h.answeredWakeSeq;
}

export const INITIAL_LINK_HEALTH: LinkHealth = {
  signedIn: true,
  readOnlyReason: null,
  failures: 0,
  lastFailure: 'stale',
  lastFetchAt: null,
  lastGoodAt: null,
  rateLimitedUntil: null,
  rateLimitedSetAt: null,
  quotaExceededAt: null,
  blockedMessage: null,
  wakeSeq: 0,
  answeredWakeSeq: 0,
};

export type LinkEvent =
  | { readonly kind: 'wake'; readonly cause: WakeCause }
  /** A command was refused because the app is blocked: one read instead tells whether the block is lifted. */
  | { readonly kind: 'probe-block' }
  /** The user sent a command: it is the quota backoff's probe. */
  | { readonly kind: 'user-acted' }
  /** Another account signed in: nothing the old one was told applies. */
  | { readonly kind: 'account-signed-in' }
  | { readonly kind: 'signed-out' }
  | { readonly kind: 'token-ok' }
  /**
   * No token could be had. `wakeSeq`: the health's `wakeSeq` when the attempt started (the wakes it answers);
   * `offline`: the refresh could not reach Spotify (the network is down), so the notice says offline.
   */
  | { readonly kind: 'token-failed'; readonly at: number; readonly wakeSeq: number; readonly offline: boolean }
  | { readonly kind: 'read-sent'; readonly at: number }
  | { readonly kind: 'read-ok'; readonly startedAt: number }
  /** A read answered with an error (its pushback is applied too). */
  | { readonly kind: 'read-failed'; readonly error: SpotifyError; readonly at: number }
  /** A read threw (a bug): counted as a failure so the backoff still applies. */
  | { readonly kind: 'read-threw' }
  /** Bookkeeping any answer (read or command) may carry: Retry-After, quota, Premium. */
  | { readonly kind: 'pushback'; readonly error: SpotifyError; readonly at: number }
  /** The wall clock read `now`; if it went back past a Retry-After's arrival, the wait is shifted back with it. */
  | { readonly kind: 'clock-seen'; readonly now: number };

const PUSHBACK_CLEARED = { rateLimitedUntil: null, rateLimitedSetAt: null, quotaExceededAt: null, blockedMessage: null, failures: 0, readOnlyReason: null } as const;

/** The link-health reducer. Pure. */
export function reduceLinkHealth(h: LinkHealth, e: LinkEvent): LinkHealth {
  switch (e.kind) {
    case 'wake':
      return {
        ...h,
        wakeSeq: h.wakeSeq + 1,
        quotaExceededAt: e.cause === 'window-shown' ? null : h.quotaExceededAt,
        blockedMessage: e.cause === 'window-shown' || e.cause === 'auth-changed' ? null : h.blockedMessage,
        ...(e.cause === 'auth-changed' ? { signedIn: true, readOnlyReason: null } : {}),
      };
    case 'probe-block':
      return { ...h, wakeSeq: h.wakeSeq + 1 };
    case 'user-acted':
      return h.quotaExceededAt === null ? h : { ...h, quotaExceededAt: null };
    case 'account-signed-in':
      return { ...h, ...PUSHBACK_CLEARED, signedIn: true };
    case 'signed-out':
      return { ...h, ...PUSHBACK_CLEARED, signedIn: false };
    case 'token-ok':
      return h.signedIn ? h : { ...h, signedIn: true };
    case 'token-failed':
      // The wakes seen when it started were answered by this attempt: from here the backoff decides, not a
      // 1 Hz loop. A wake that came while it was out is still pending.
      return { ...h, answeredWakeSeq: Math.max(h.answeredWakeSeq, Math.min(e.wakeSeq, h.wakeSeq)), failures: h.failures + 1, lastFailure: e.offline ? 'offline' : 'stale', lastFetchAt: e.at };
    case 'read-sent':
      // Leaves now, so it sees everything the wakes so far asked to look for.
      return { ...h, lastFetchAt: e.at, answeredWakeSeq: h.wakeSeq };
    case 'read-ok':
      return { ...h, failures: 0, quotaExceededAt: null, blockedMessage: null, lastGoodAt: e.startedAt };
    case 'read-failed':
      return readFailed(reduceLinkHealth(h, { kind: 'pushback', error: e.error, at: e.at }), e.error);
    case 'read-threw':
      return { ...h, failures: h.failures + 1, lastFailure: 'stale' };
    case 'pushback':
      return pushback(h, e.error, e.at);
    case 'clock-seen':
      return clockSeen(h, e.now);
  }
}

/**
 * Without a monotonic clock the time that passed across a step back is unknown: the wait restarts at its own
 * length (a 30 s Retry-After lasts at most 60 s), rather than until the old wall time comes round (an hour).
 */
function clockSeen(h: LinkHealth, now: number): LinkHealth {
  if (h.rateLimitedUntil === null || h.rateLimitedSetAt === null || now >= h.rateLimitedSetAt) return h;
  return { ...h, rateLimitedUntil: now + Math.max(0, h.rateLimitedUntil - h.rateLimitedSetAt), rateLimitedSetAt: now };
}

function pushback(h: LinkHealth, error: SpotifyError, at: number): LinkHealth {
  if (error.kind === 'rate_limited') return { ...h, rateLimitedUntil: Math.max(h.rateLimitedUntil ?? 0, error.retryAt), rateLimitedSetAt: at };
  if (error.kind === 'quota_exceeded') return { ...h, quotaExceededAt: at };
  if (error.kind === 'premium_required' && h.readOnlyReason === null) return { ...h, readOnlyReason: PREMIUM_REASON };
  return h;
}

function readFailed(h: LinkHealth, error: SpotifyError): LinkHealth {
  switch (error.kind) {
    case 'rate_limited':
    case 'quota_exceeded':
      // Pushback, not a failure: playback goes on without us, and the notice says the state may be stale.
      return h;
    case 'network':
    case 'timeout':
      return { ...h, failures: h.failures + 1, lastFailure: 'offline' };
    case 'app_not_authorized':
      // Not a blip: nothing will change until the user fixes the app in Spotify's dashboard.
      return { ...h, blockedMessage: toAppError(error).error.message };
    case 'unauthorized':
    case 'premium_required':
    case 'no_active_device':
    case 'volume_not_controllable':
    case 'restricted':
    case 'not_found':
    case 'bad_request':
    case 'server':
    case 'invalid_response':
    case 'session':
      return { ...h, failures: h.failures + 1, lastFailure: 'stale' };
  }
}
