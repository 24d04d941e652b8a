import { useId, useState, type ReactElement } from 'react';

import { assertNever } from '../../../shared/assert-never';
import type { AuthSettings } from '../../../shared/state/auth-state';
import { storageView } from '../../format/auth-view';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';

/** Where no keyring exists (Linux `basic_text`): memory only by default, weak storage only by explicit choice. */
export function StorageNotice({ settings }: { readonly settings: AuthSettings }): ReactElement | null {
  const api = useApi();
  const { run, busy } = useCommands();
  const [acknowledged, setAcknowledged] = useState(false);
  const checkId = useId();
  const view = storageView(settings);

  switch (view.kind) {
    case 'secure':
      return null;
    case 'weakOptedIn':
      return (
        <div className="notice notice--warning storage-notice" data-testid="storage-warning" data-kind="weakOptedIn">
          <p>
            No system keyring is available (backend: <code>{view.backend}</code>). As you chose, your sign-in is stored
            with weak protection: other programs running as you could read it.
          </p>
          <button
            type="button"
            className="button button--small"
            data-testid="plaintext-opt-out"
            disabled={busy.has('plaintext')}
            onClick={() =>
              void run('plaintext', () => api.auth.setPlaintextOptIn({ optIn: false, acknowledgedWarning: true }))
            }
          >
            Keep it in memory only
          </button>
        </div>
      );
    case 'memoryOnly':
      return (
        <div className="notice notice--warning storage-notice" data-testid="storage-warning" data-kind="memoryOnly">
          <p>
            No system keyring is available (backend: <code>{view.backend}</code>), so your sign-in is kept in memory
            only: you will sign in again each time Trayplay starts.
          </p>
          <p>
            You can store it anyway with weak protection. It is then readable by any program running as your user, and
            by anyone who gets a copy of your home folder.
          </p>
          <label className="checkbox" htmlFor={checkId}>
            <input
              id={checkId}
              type="checkbox"
              data-testid="plaintext-ack"
              checked={acknowledged}
              onChange={(event) => setAcknowledged(event.currentTarget.checked)}
            />
            <span>I understand the risk: store my sign-in with weak protection.</span>
          </label>
          <button
            type="button"
            className="button button--small button--danger"
            data-testid="plaintext-confirm"
            disabled={!acknowledged || busy.has('plaintext')}
            onClick={() =>
              void run('plaintext', () => api.auth.setPlaintextOptIn({ optIn: true, acknowledgedWarning: true })).then(
                (done) => {
                  if (done) setAcknowledged(false);
                },
              )
            }
          >
            Store with weak protection
          </button>
        </div>
      );
    default:
      return assertNever(view, 'storage view');
  }
}
