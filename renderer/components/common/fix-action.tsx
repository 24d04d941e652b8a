import type { ReactElement } from 'react';

import { DASHBOARD_CHECKLIST, DASHBOARD_URL, type FixAction } from '../../format/error-view';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';

import { useOpenMain } from './window-actions';

interface FixActionProps {
  readonly action: FixAction;
  /** The mini-player has no account panel or device list: it opens the main window for those. */
  readonly compact?: boolean;
  /** What "Try again" does; by default, ask main to look again now. */
  readonly onRetry?: () => void;
}

/** The button (or link) that fixes a problem: retry once, sign in, choose a device, check the dashboard. */
export function FixActionButton({ action, compact = false, onRetry }: FixActionProps): ReactElement | null {
  const api = useApi();
  const { run, busy } = useCommands();
  const openMain = useOpenMain();
  const size = compact ? 'button button--small' : 'button button--small button--primary';
  switch (action.kind) {
    case 'none':
      return null;
    case 'retry':
      return (
        <button
          type="button"
          className={size}
          data-testid="fix-retry"
          disabled={busy.has('retry')}
          aria-busy={busy.has('retry') || undefined}
          onClick={onRetry ?? (() => void run('retry', () => api.player.retryNow()))}
        >
          {action.label}
        </button>
      );
    case 'signIn':
      return compact ? (
        <button type="button" className={size} data-testid="fix-sign-in" onClick={openMain}>
          Sign in…
        </button>
      ) : (
        <button type="button" className={size} data-testid="fix-sign-in" onClick={focusAccount}>
          Sign in
        </button>
      );
    case 'chooseDevice':
      return compact ? (
        <button type="button" className={size} data-testid="fix-choose-device" onClick={openMain}>
          Choose a device…
        </button>
      ) : (
        <button type="button" className={size} data-testid="fix-choose-device" onClick={focusDevices}>
          Choose a device
        </button>
      );
    case 'openDashboard':
      return (
        <span className="fix-dashboard">
          {compact ? null : <span className="fix-dashboard__text">{DASHBOARD_CHECKLIST} </span>}
          <a href={DASHBOARD_URL} target="_blank" rel="noreferrer noopener" data-testid="fix-dashboard">
            Open the Spotify dashboard
          </a>
        </span>
      );
  }
}

const focusSection = (id: string): void => {
  const target = document.getElementById(id);
  target?.scrollIntoView({ block: 'start' });
  target?.focus();
};
const focusAccount = (): void => focusSection('account');
const focusDevices = (): void => focusSection('devices');
