import { useEffect, useState } from 'react';

import type { Connection, ConnectionStatus } from '../bridge/connection';

/** The link's status, re-rendered on every change. */
export function useConnectionStatus(connection: Connection): ConnectionStatus {
  const [status, setStatus] = useState(() => connection.status());
  useEffect(() => {
    setStatus(connection.status());
    return connection.onStatus((next) => setStatus(next));
  }, [connection]);
  return status;
}
