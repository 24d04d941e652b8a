import type { ReactElement } from 'react';

import type { PlaybackNotice as Notice } from '../../../shared/state/now-playing';
import { noticeParts, noticeText } from '../../format/notice-view';
import { useNow } from '../../hooks/use-now';

/**
 * One unobtrusive line saying the shown state may be stale (Spotify pushing back) and when Trayplay looks
 * again, counting down live. Not a live region: a ticking countdown would keep interrupting screen readers.
 */
export function PlaybackNotice({ notice, compact = false }: { readonly notice: Notice; readonly compact?: boolean }): ReactElement {
  const now = useNow(notice.retryAt !== null, 1000);
  const { lead, again } = noticeParts(notice, now, compact);
  return (
    <p
      className={compact ? 'playback-notice playback-notice--compact' : 'playback-notice'}
      data-testid="playback-notice"
      data-kind={notice.kind}
      title={noticeText(notice, now)}
    >
      <span className="playback-notice__lead">{lead}</span>
      {/* The countdown is its own span so a narrow line shortens the lead, never the time. */}
      {again === null ? null : <span className="playback-notice__again">{compact ? ` · ${again}` : `, ${again}`}</span>}
    </p>
  );
}
