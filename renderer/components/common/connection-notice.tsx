import type { ReactElement } from 'react';

import type { Connection } from '../../bridge/connection';
import { useConnectionStatus } from '../../hooks/use-connection-status';

/** Shown while the link to Trayplay's main process is down (headless host restarting). */
export function ConnectionNotice({ connection }: { readonly connection: Connection }): ReactElement | null {
  const status = useConnectionStatus(connection);
  if (status !== 'reconnecting') return null;
  return (
    <div className="connection-notice" role="status" data-testid="connection-notice">
      Connection to Trayplay lost — reconnecting…
    </div>
  );
}
