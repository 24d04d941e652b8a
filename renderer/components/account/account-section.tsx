import type { ReactElement } from 'react';

import { assertNever } from '../../../shared/assert-never';
import type { AuthSettings, AuthState } from '../../../shared/state/auth-state';
import { authView } from '../../format/auth-view';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { useNow } from '../../hooks/use-now';

import { AuthorizingPanel } from './authorizing-panel';
import { ClientIdSetup } from './client-id-setup';
import { SignedInPanel } from './signed-in-panel';
import { StorageNotice } from './storage-notice';

interface AccountSectionProps {
  readonly auth: AuthState;
  readonly settings: AuthSettings;
}

/** Sign-in, driven by the AuthState union: every kind has its own panel. */
export function AccountSection({ auth, settings }: AccountSectionProps): ReactElement {
  // The sign-in deadline counts down in days; once a minute is plenty there.
  const now = useNow(auth.kind === 'authorizing' || auth.kind === 'signedIn', auth.kind === 'authorizing' ? 1000 : 60_000);
  const view = authView(auth, now);
  return (
    <section id="account" tabIndex={-1} className="card account" aria-labelledby="account-heading" data-testid="auth-state" data-kind={auth.kind}>
      <header className="card__header">
        <h2 id="account-heading">Account</h2>
        <span className={`pill pill--${view.tone}`} data-testid="auth-title">
          {view.title}
        </span>
      </header>
      <p className={`account__description tone--${view.tone}`} data-testid="auth-description">
        {view.description}
      </p>
      <AccountBody auth={auth} settings={settings} />
      {auth.kind === 'demo' ? null : <StorageNotice settings={settings} />}
    </section>
  );
}

function AccountBody({ auth, settings }: AccountSectionProps): ReactElement {
  switch (auth.kind) {
    case 'demo':
    case 'signedOut':
      return <ClientIdSetup settings={settings} />;
    case 'authorizing':
      return <AuthorizingPanel auth={auth} />;
    case 'signedIn':
      return <SignedInPanel auth={auth} storageExplained={!settings.storage.secure} />;
    case 'sessionEnded':
      return <SignInAgain />;
    default:
      return assertNever(auth, 'auth kind');
  }
}

function SignInAgain(): ReactElement {
  const api = useApi();
  const { run, busy } = useCommands();
  return (
    <div className="actions">
      <button
        type="button"
        className="button button--primary"
        data-testid="sign-in"
        disabled={busy.has('signIn')}
        onClick={() => void run('signIn', () => api.auth.signIn())}
      >
        Sign in again
      </button>
    </div>
  );
}
