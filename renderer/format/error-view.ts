import type { AppError, ErrorCode } from '../../shared/result';
import type { NowPlaying, PlaybackNotice } from '../../shared/state/now-playing';

/** What the user can do about a problem, where something helps. */
export type FixAction =
  | { readonly kind: 'none' }
  /** Ask Spotify again now (one probe; a quota or app block is lifted for it). */
  | { readonly kind: 'retry'; readonly label: 'Try again' | 'Retry now' }
  /** Pick a device to play on. */
  | { readonly kind: 'chooseDevice' }
  | { readonly kind: 'signIn' }
  /** Check the app's settings in Spotify's developer dashboard. */
  | { readonly kind: 'openDashboard' };

export interface ErrorView {
  /** Plain words for the user: never a channel name or a stack. */
  readonly text: string;
  readonly action: FixAction;
}

export const DASHBOARD_URL = 'https://developer.spotify.com/dashboard';
/** What to check when Spotify refuses the app (shown with the dashboard link). */
export const DASHBOARD_CHECKLIST =
  'In the Spotify Developer Dashboard, open your app: under User Management your Spotify account must be listed, and the app’s owner needs Premium.';

const none: FixAction = { kind: 'none' };
const tryAgain: FixAction = { kind: 'retry', label: 'Try again' };
const retryNow: FixAction = { kind: 'retry', label: 'Retry now' };

/**
 * The one place each error code gets its user text and fixing action. `useMain` says whether main's message is
 * written for users (domain errors) or internal (transport and contract errors, which name channels).
 */
const ERRORS: Readonly<
  Record<ErrorCode, { readonly text: string; readonly action: FixAction; readonly useMain: boolean; /** A now-playing `error` state's heading. */ readonly title?: string }>
> = {
  invalid_payload: { text: 'Trayplay could not send that request. Please try again.', action: none, useMain: false },
  invalid_reply: { text: 'Trayplay got an answer it did not understand. It has been logged.', action: none, useMain: false },
  unknown_channel: { text: 'This window and Trayplay are different versions. Restart Trayplay.', action: none, useMain: false },
  forbidden_sender: { text: 'Trayplay refused a request from this window. Restart Trayplay.', action: none, useMain: false },
  transport: { text: 'Trayplay did not answer in time. Check that it is running, then try again.', action: tryAgain, useMain: false },
  internal: { text: 'Something went wrong inside Trayplay. It has been logged.', action: none, useMain: false },
  not_signed_in: { text: 'Sign in to Spotify to use the controls.', action: { kind: 'signIn' }, useMain: true },
  invalid_client_id: { text: 'That Client ID is not valid.', action: none, useMain: true },
  auth_in_progress: { text: 'A sign-in is already waiting in your browser.', action: none, useMain: true },
  auth_cancelled: { text: 'The sign-in was cancelled.', action: { kind: 'signIn' }, useMain: true },
  auth_failed: { text: 'Spotify did not complete the sign-in.', action: { kind: 'signIn' }, useMain: true },
  auth_timeout: { text: 'The sign-in took too long.', action: { kind: 'signIn' }, useMain: true },
  storage_unavailable: { text: 'Trayplay cannot store your sign-in on this computer.', action: none, useMain: true },
  premium_required: { text: 'Controls need Spotify Premium. Now playing still works.', action: none, useMain: false },
  no_active_device: { text: 'No device is playing. Choose one to play on.', action: { kind: 'chooseDevice' }, useMain: true },
  volume_not_controllable: { text: 'This device does not allow volume control.', action: none, useMain: true },
  restricted: { text: 'Spotify does not allow that right now.', action: none, useMain: true },
  rate_limited: { text: 'Spotify asked Trayplay to slow down.', action: none, useMain: true },
  quota_exceeded: { text: 'This app’s Spotify quota is used up for now.', action: tryAgain, useMain: true },
  unauthorized: { text: 'Spotify no longer accepts this sign-in.', action: { kind: 'signIn' }, useMain: true },
  network: { text: 'Trayplay cannot reach Spotify. Check your connection.', action: retryNow, useMain: true },
  server: { text: 'Spotify is having trouble right now.', action: retryNow, useMain: true },
  timeout: { text: 'Spotify did not answer in time.', action: retryNow, useMain: true },
  not_found: { text: 'Spotify could not find that.', action: none, useMain: true },
  read_only: { text: 'Controls need Spotify Premium. Now playing still works.', action: none, useMain: true },
  app_not_authorized: {
    text: 'Spotify refused this app for your account.',
    action: { kind: 'openDashboard' },
    useMain: true,
    title: 'Spotify refused this app',
  },
};

/** An error as the user sees it. */
export function errorView(error: Pick<AppError, 'code' | 'message'>): ErrorView {
  const entry = ERRORS[error.code];
  const main = error.message.trim();
  return { text: entry.useMain && main !== '' ? main : entry.text, action: entry.action };
}

/** The fixing action of a now-playing state that shows no track (offline, quota, signed out, an error). */
export function unavailableAction(nowPlaying: NowPlaying): FixAction {
  return unavailableActions(nowPlaying)[0] ?? none;
}

/**
 * Every fixing action of a state that shows no track. An `error` state is probed once by "Retry now"; when
 * main says which error it is, that code's action from the table above comes too (a refused app: the dashboard).
 */
function unavailableActions(nowPlaying: NowPlaying): readonly FixAction[] {
  if (nowPlaying.kind !== 'unavailable') return [];
  switch (nowPlaying.reason) {
    case 'offline':
      return [retryNow];
    case 'error': {
      const code = errorCodeOf(nowPlaying);
      const fix = code === null ? none : ERRORS[code].action;
      return fix.kind === 'none' || fix.kind === 'retry' ? [retryNow] : [retryNow, fix];
    }
    case 'quotaExceeded':
      return [tryAgain];
    case 'signedOut':
      return [{ kind: 'signIn' }];
    case 'loading':
    case 'rateLimited':
      return [];
  }
}

/** The heading of an `error` state that names its code (null: the reason's own heading). */
export function errorStateTitle(nowPlaying: Extract<NowPlaying, { kind: 'unavailable' }>): string | null {
  if (nowPlaying.reason !== 'error') return null;
  const code = errorCodeOf(nowPlaying);
  return code === null ? null : (ERRORS[code].title ?? null);
}

/** The code of an `error` state. Main versions that sent none named the dashboard in the message when the app was refused. */
function errorCodeOf(nowPlaying: Extract<NowPlaying, { kind: 'unavailable' }>): ErrorCode | null {
  if (nowPlaying.code !== undefined) return nowPlaying.code;
  return nowPlaying.message.includes(DASHBOARD_URL) ? 'app_not_authorized' : null;
}

/** The fixing action beside a stale-state notice (the last track still shows): probe once, or none while waiting is right. */
export function noticeAction(notice: PlaybackNotice | null): FixAction {
  switch (notice?.kind) {
    case 'quotaExceeded':
      return tryAgain;
    case 'offline':
      return retryNow;
    case 'rateLimited':
    case 'stale':
    case undefined:
      return none;
  }
}

/** The actions a window offers for its playback state, in the order shown (none when all is well). */
export function playbackActions(nowPlaying: NowPlaying, notice: PlaybackNotice | null): readonly FixAction[] {
  const direct = unavailableActions(nowPlaying);
  if (direct.length > 0) return direct;
  const beside = noticeAction(notice);
  return beside.kind === 'none' ? [] : [beside];
}
