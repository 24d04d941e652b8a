import { useMemo, type ReactElement } from 'react';

import { formatIn, secondsUntil } from '../../format/time';
import { useNow } from '../../hooks/use-now';

/**
 * "Retrying in N s" for the unavailable states that know when main will look again. Screen readers hear it once
 * (the status text is fixed when it appears); the ticking seconds are visual only.
 */
export function RetryCountdown({ retryAt }: { readonly retryAt: number }): ReactElement {
  const now = useNow(true, 1000);
  const seconds = secondsUntil(retryAt, now);
  // Fixed per retry time: a live region whose text changed every second would be read out every second.
  const announcement = useMemo(() => `Trayplay will look again ${formatIn(retryAt, Date.now())}.`, [retryAt]);
  return (
    <p className="retry-countdown" data-testid="retry-countdown">
      <span className="visually-hidden" role="status" data-testid="retry-announcement">
        {announcement}
      </span>
      <span aria-hidden="true">{seconds > 0 ? `Retrying in ${seconds} s` : 'Retrying…'}</span>
    </p>
  );
}
