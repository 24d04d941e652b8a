import type { ReactElement } from 'react';

import type { AuthState } from '../../../shared/state/auth-state';
import { formatDuration } from '../../format/time';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { useNow } from '../../hooks/use-now';

type Authorizing = Extract<AuthState, { kind: 'authorizing' }>;

/** Waiting for the browser, with the time left and Cancel. */
export function AuthorizingPanel({ auth }: { readonly auth: Authorizing }): ReactElement {
  const api = useApi();
  const { run, busy } = useCommands();
  const now = useNow(true, 1000);
  const left = Math.max(0, auth.expiresAt - now);
  return (
    <div className="authorizing">
      <div className="spinner" aria-hidden="true" />
      <p>
        {auth.redirectMode === 'protocol'
          ? 'When asked, allow the browser to open Trayplay.'
          : 'The browser will come back to a local page that you can close.'}
      </p>
      <p className="countdown" data-testid="auth-countdown" aria-live="off">
        {left > 0 ? `Time left: ${formatDuration(left)}` : 'Timed out'}
      </p>
      <button
        type="button"
        className="button"
        data-testid="cancel-sign-in"
        disabled={busy.has('cancel')}
        onClick={() => void run('cancel', () => api.auth.cancel())}
      >
        Cancel
      </button>
    </div>
  );
}
