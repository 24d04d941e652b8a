import type { ReactElement } from 'react';

import type { AuthState } from '../../../shared/state/auth-state';
import { describeScope, persistenceNote } from '../../format/auth-view';
import { formatDate } from '../../format/time';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';

type SignedIn = Extract<AuthState, { kind: 'signedIn' }>;

/** The account, what Trayplay may do, when the sign-in ends, and Sign out. */
interface SignedInPanelProps {
  readonly auth: SignedIn;
  /** The storage notice already explains memory-only storage where no keyring exists. */
  readonly storageExplained: boolean;
}

export function SignedInPanel({ auth, storageExplained }: SignedInPanelProps): ReactElement {
  const api = useApi();
  const { run, busy } = useCommands();
  const note = storageExplained ? null : persistenceNote(auth.persistence);
  return (
    <div className="signed-in">
      <dl className="facts">
        <dt>Account</dt>
        <dd data-testid="account-name">
          {auth.account.displayName || auth.account.id}
          {auth.account.displayName && auth.account.displayName !== auth.account.id ? (
            <span className="muted"> ({auth.account.id})</span>
          ) : null}
        </dd>
        <dt>Sign in again by</dt>
        <dd data-testid="sign-in-expires">{formatDate(auth.refreshExpiresAt)}</dd>
      </dl>
      {auth.renewSoon ? (
        <div className="notice notice--warning" data-testid="renew-soon">
          <p>Sign in again now so Trayplay stays connected after that date.</p>
          <button
            type="button"
            className="button button--small button--primary"
            data-testid="sign-in-again"
            disabled={busy.has('signIn')}
            onClick={() => void run('signIn', () => api.auth.signIn())}
          >
            Sign in again
          </button>
        </div>
      ) : null}
      {note === null ? null : (
        <p className="notice notice--info" data-testid="persistence-note" data-persistence={auth.persistence}>
          {note}
        </p>
      )}
      <details className="scopes">
        <summary>Permissions ({auth.scopes.length})</summary>
        <ul data-testid="scopes">
          {auth.scopes.map((scope) => (
            <li key={scope} title={scope}>
              {describeScope(scope)}
            </li>
          ))}
        </ul>
      </details>
      <div className="actions">
        <button
          type="button"
          className="button"
          data-testid="sign-out"
          disabled={busy.has('signOut')}
          onClick={() => void run('signOut', () => api.auth.signOut())}
        >
          Sign out
        </button>
      </div>
    </div>
  );
}
