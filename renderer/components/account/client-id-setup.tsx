import { useEffect, useId, useRef, useState, type ReactElement } from 'react';

import { ClientIdSchema } from '../../../shared/contract';
import type { AuthSettings, RedirectMode } from '../../../shared/state/auth-state';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { CopyField } from '../common/copy-field';

export const DASHBOARD_URL = 'https://developer.spotify.com/dashboard';

/** What the Client ID field holds, and what signing in would do with it. */
export type ClientIdInput =
  | { readonly kind: 'empty'; readonly usable: boolean }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'valid'; readonly clientId: string; readonly changed: boolean };

/** Validates the field as the user types, with the contract's schema. */
export function checkClientId(value: string, settings: AuthSettings): ClientIdInput {
  if (value.trim() === '') return { kind: 'empty', usable: settings.clientIdFromBuild };
  const parsed = ClientIdSchema.safeParse(value);
  if (!parsed.success) return { kind: 'invalid', message: parsed.error.issues[0]?.message ?? 'Not a Client ID' };
  return { kind: 'valid', clientId: parsed.data, changed: parsed.data !== settings.clientId };
}

interface ClientIdSetupProps {
  readonly settings: AuthSettings;
}

/** Onboarding: create a Spotify app, register the redirect URI, paste the Client ID, sign in. */
export function ClientIdSetup({ settings }: ClientIdSetupProps): ReactElement {
  const api = useApi();
  const { run, busy } = useCommands();
  const [value, setValue] = useState(settings.clientId ?? '');
  // When the saved Client ID changes (another window, or "Forget"), the field follows it.
  const saved = useRef(settings.clientId);
  useEffect(() => {
    if (saved.current === settings.clientId) return;
    saved.current = settings.clientId;
    setValue(settings.clientId ?? '');
  }, [settings.clientId]);
  const inputId = useId();
  const hintId = useId();
  const check = checkClientId(value, settings);
  const canSignIn = check.kind === 'valid' || (check.kind === 'empty' && check.usable);
  const signingIn = busy.has('signIn');

  const signIn = (): void => {
    void run('signIn', async () => {
      if (check.kind === 'valid' && check.changed) {
        const saved = await api.auth.setClientId({ clientId: check.clientId });
        if (!saved.ok) return saved;
      }
      return api.auth.signIn();
    });
  };

  const setMode = (mode: RedirectMode): void => {
    if (mode !== settings.redirectMode) void run('redirectMode', () => api.auth.setRedirectMode({ mode }));
  };

  return (
    <div className="client-id-setup" data-testid="client-id-setup">
      <h3>Connect your Spotify account</h3>
      <details className="setup-steps" open={settings.clientId === null}>
        <summary>
          {settings.clientId === null
            ? 'Trayplay talks to Spotify with a Client ID of your own (it’s free and takes two minutes):'
            : 'How to create a Client ID and which redirect URIs to register'}
        </summary>
        <ol className="steps">
          <li>
            Open the{' '}
            <a href={DASHBOARD_URL} target="_blank" rel="noreferrer noopener" data-testid="dashboard-link">
              Spotify Developer Dashboard
            </a>{' '}
            ({DASHBOARD_URL.replace('https://', '')}) and log in.
          </li>
          <li>
            Click <strong>Create app</strong>. Any name and description will do; under “Which API/SDKs are you planning
            to use?” tick <strong>Web API</strong>.
          </li>
          <li>
            Under <strong>Redirect URIs</strong>, add this exact address (add both to switch freely later):
            <div className="redirect-uris">
              <RedirectUriRow
                label="Trayplay link"
                value={settings.redirectUris.protocol}
                inUse={settings.redirectMode === 'protocol'}
                testId="redirect-uri-protocol"
              />
              <RedirectUriRow
                label="Local address"
                value={settings.redirectUris.loopback}
                inUse={settings.redirectMode === 'loopback'}
                testId="redirect-uri-loopback"
              />
            </div>
          </li>
          <li>
            Under <strong>User Management</strong>, add the e-mail of the Spotify account you listen with (an app in
            development mode serves up to 5 listed accounts; its owner needs Premium).
          </li>
          <li>
            Save, open the app’s <strong>Settings</strong>, copy its <strong>Client ID</strong> and paste it here:
          </li>
        </ol>
      </details>

      <div className="field">
        <label htmlFor={inputId}>Client ID</label>
        <input
          id={inputId}
          className="text-input"
          data-testid="client-id-input"
          value={value}
          placeholder={settings.clientIdFromBuild ? 'Optional: this build includes one' : '32 letters and digits'}
          spellCheck={false}
          autoComplete="off"
          maxLength={64}
          aria-invalid={check.kind === 'invalid'}
          aria-describedby={hintId}
          onChange={(event) => setValue(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && canSignIn && !signingIn) signIn();
          }}
        />
        <p
          id={hintId}
          className={`field__hint${check.kind === 'invalid' ? ' field__hint--error' : ''}`}
          data-testid="client-id-hint"
          data-valid={check.kind === 'valid'}
        >
          {check.kind === 'invalid'
            ? check.message
            : check.kind === 'valid'
              ? check.changed
                ? 'Looks right. It will be saved when you sign in.'
                : 'This Client ID is saved.'
              : check.usable
                ? 'Leave empty to use the Client ID included in this build.'
                : 'Paste the Client ID from your app’s settings.'}
        </p>
      </div>

      <fieldset className="field redirect-mode" data-testid="redirect-mode">
        <legend>How Spotify returns to Trayplay after you approve</legend>
        <label className={`radio${settings.protocolAvailable ? '' : ' is-disabled'}`}>
          <input
            type="radio"
            name="redirect-mode"
            value="protocol"
            data-testid="redirect-mode-protocol"
            checked={settings.redirectMode === 'protocol'}
            disabled={!settings.protocolAvailable}
            onChange={() => setMode('protocol')}
          />
          <span>
            Trayplay link <code>{settings.redirectUris.protocol}</code>
            {settings.protocolAvailable ? null : (
              <span className="radio__problem" data-testid="protocol-problem">
                {settings.protocolProblem ?? 'Not available on this system.'}
              </span>
            )}
          </span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name="redirect-mode"
            value="loopback"
            data-testid="redirect-mode-loopback"
            checked={settings.redirectMode === 'loopback'}
            onChange={() => setMode('loopback')}
          />
          <span>
            Local address <code>{settings.redirectUris.loopback}</code>
          </span>
        </label>
      </fieldset>

      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="sign-in"
          disabled={!canSignIn || signingIn}
          aria-busy={signingIn || undefined}
          onClick={signIn}
        >
          {signingIn ? 'Opening your browser…' : 'Sign in with Spotify'}
        </button>
        {settings.clientId === null ? null : (
          <button
            type="button"
            className="button button--quiet"
            data-testid="use-demo"
            onClick={() => void run('clientId', () => api.auth.setClientId({ clientId: null }))}
          >
            Forget Client ID (back to demo)
          </button>
        )}
      </div>
    </div>
  );
}

function RedirectUriRow(props: {
  readonly label: string;
  readonly value: string;
  readonly inUse: boolean;
  readonly testId: string;
}): ReactElement {
  return (
    <div className={`redirect-uri${props.inUse ? ' is-in-use' : ''}`}>
      <span className="redirect-uri__label">
        {props.label}
        {props.inUse ? <span className="tag">in use</span> : null}
      </span>
      <CopyField label={`${props.label} redirect URI`} value={props.value} testId={props.testId} />
    </div>
  );
}
