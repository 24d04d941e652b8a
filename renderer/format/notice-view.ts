import type { PlaybackNotice } from '../../shared/state/now-playing';

import { formatIn } from './time';

/** Short labels for the mini-player, where the full message does not fit on one line. */
const SHORT = {
  rateLimited: 'Slowed down',
  quotaExceeded: 'Quota used up',
  offline: 'Offline',
  stale: 'No answer',
} as const satisfies Record<PlaybackNotice['kind'], string>;

/** The notice in two parts, so a display can shorten the lead and keep the countdown whole. */
export interface NoticeParts {
  readonly lead: string;
  /** "checking again in 12 s" (or "checking again…" once due); null when main does not know when. */
  readonly again: string | null;
}

/** Main's plain message plus a countdown to `retryAt`; in the mini-player a short label and a shorter countdown. */
export function noticeParts(notice: PlaybackNotice, now: number, compact = false): NoticeParts {
  const lead = compact ? SHORT[notice.kind] : notice.message.trim() || SHORT[notice.kind];
  if (notice.retryAt === null) return { lead, again: null };
  const verb = compact ? 'checking' : 'checking again';
  return { lead, again: notice.retryAt > now ? `${verb} ${formatIn(notice.retryAt, now)}` : `${verb}…` };
}

/** The whole line as one string (the tooltip, and the text the full-size line shows). */
export function noticeText(notice: PlaybackNotice, now: number, compact = false): string {
  const { lead, again } = noticeParts(notice, now, compact);
  if (again === null) return lead;
  return compact ? `${lead} · ${again}` : `${lead}, ${again}`;
}
