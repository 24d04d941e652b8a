import type { ReactElement } from 'react';

import { secondsUntil } from '../../format/time';
import { useNow } from '../../hooks/use-now';

/** "Retrying in N s" for the unavailable states that know when main will look again. */
export function RetryCountdown({ retryAt }: { readonly retryAt: number }): ReactElement {
  const now = useNow(true, 1000);
  const seconds = secondsUntil(retryAt, now);
  return (
    <p className="retry-countdown" data-testid="retry-countdown" aria-live="polite">
      {seconds > 0 ? `Retrying in ${seconds} s` : 'Retrying…'}
    </p>
  );
}
