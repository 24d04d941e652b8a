import { useMemo, type ReactElement } from 'react';

import type { PlaybackNotice as Notice } from '../../../shared/state/now-playing';
import { noticeParts, noticeText } from '../../format/notice-view';
import { formatIn } from '../../format/time';
import { useNow } from '../../hooks/use-now';

/**
 * One unobtrusive line saying the shown state may be stale (Spotify pushing back) and when Trayplay looks
 * again, counting down live. Screen readers hear it once, politely: the announcement's text is fixed per notice,
 * and the ticking line is hidden from them (a live countdown would interrupt every second).
 */
export function PlaybackNotice({ notice, compact = false }: { readonly notice: Notice; readonly compact?: boolean }): ReactElement {
  const now = useNow(notice.retryAt !== null, 1000);
  const { lead, again } = noticeParts(notice, now, compact);
  const fullLead = noticeParts(notice, now).lead.replace(/[.!]$/, '');
  const announcement = useMemo(
    () => (notice.retryAt === null ? `${fullLead}.` : `${fullLead}. Trayplay will look again ${formatIn(notice.retryAt, Date.now())}.`),
    [fullLead, notice.retryAt],
  );
  return (
    <>
      <p
        className={compact ? 'playback-notice playback-notice--compact' : 'playback-notice'}
        data-testid="playback-notice"
        data-kind={notice.kind}
        title={noticeText(notice, now)}
        aria-hidden="true"
      >
        <span className="playback-notice__lead">{lead}</span>
        {/* The countdown is its own span so a narrow line shortens the lead, never the time. */}
        {again === null ? null : <span className="playback-notice__again">{compact ? ` · ${again}` : `, ${again}`}</span>}
      </p>
      <span className="visually-hidden" role="status" data-testid="playback-notice-announcement">
        {announcement}
      </span>
    </>
  );
}
