import { describe, expect, it } from 'vitest';

import { ErrorCodeSchema } from '../../shared/result';

import { DASHBOARD_URL, errorView, playbackActions, unavailableAction } from './error-view';

describe('error view', () => {
  it('never shows internal messages: no channel names reach the user', () => {
    const view = errorView({ code: 'transport', message: 'player:next: no reply from Trayplay' });
    expect(view.text).not.toMatch(/player:|no reply from/);
    expect(view.text).toMatch(/did not answer/);
    expect(view.action).toEqual({ kind: 'retry', label: 'Try again' });
    for (const code of ['invalid_payload', 'invalid_reply', 'unknown_channel', 'forbidden_sender', 'internal'] as const) {
      expect(errorView({ code, message: `app:getState: ${code} at value.rev` }).text).not.toMatch(/:\w+:|app:getState/);
    }
  });

  it('gives every code a text, and the fixing action where one exists', () => {
    for (const code of ErrorCodeSchema.options) expect(errorView({ code, message: '' }).text.length).toBeGreaterThan(10);
    expect(errorView({ code: 'quota_exceeded', message: '' }).action).toEqual({ kind: 'retry', label: 'Try again' });
    expect(errorView({ code: 'network', message: '' }).action).toEqual({ kind: 'retry', label: 'Retry now' });
    expect(errorView({ code: 'no_active_device', message: '' }).action.kind).toBe('chooseDevice');
    expect(errorView({ code: 'app_not_authorized', message: 'User not registered' })).toEqual({
      text: 'User not registered',
      action: { kind: 'openDashboard' },
    });
    expect(errorView({ code: 'premium_required', message: 'x' }).text).toMatch(/Controls need Spotify Premium/);
  });

  it('maps the unavailable states to their action', () => {
    const unavailable = (reason: 'offline' | 'quotaExceeded' | 'signedOut' | 'loading') =>
      unavailableAction({ kind: 'unavailable', reason, message: '', retryAt: null });
    expect(unavailable('offline')).toEqual({ kind: 'retry', label: 'Retry now' });
    expect(unavailable('quotaExceeded')).toEqual({ kind: 'retry', label: 'Try again' });
    expect(unavailable('signedOut')).toEqual({ kind: 'signIn' });
    expect(unavailable('loading')).toEqual({ kind: 'none' });
  });

  it('maps the app-refused state from its error code, in the same table as the errors', () => {
    const refused = { kind: 'unavailable', reason: 'error', code: 'app_not_authorized', message: 'Spotify does not let this app use your account.', retryAt: null } as const;
    // Retry probes once (after the dashboard is fixed); the dashboard is where it gets fixed.
    expect(playbackActions(refused, null)).toEqual([{ kind: 'retry', label: 'Retry now' }, { kind: 'openDashboard' }]);
    // An error with no code: only the probe.
    expect(playbackActions({ ...refused, code: undefined, message: 'Playing something Trayplay cannot show.' }, null)).toEqual([
      { kind: 'retry', label: 'Retry now' },
    ]);
    // Main before it sent the code named the dashboard in its message.
    expect(playbackActions({ ...refused, code: undefined, message: `Fix it at ${DASHBOARD_URL}.` }, null)).toContainEqual({ kind: 'openDashboard' });
    expect(playbackActions({ kind: 'idle' }, { kind: 'offline', message: '', retryAt: null })).toEqual([{ kind: 'retry', label: 'Retry now' }]);
    expect(playbackActions({ kind: 'idle' }, null)).toEqual([]);
  });
});
