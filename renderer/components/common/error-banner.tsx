import { useEffect, type ReactElement } from 'react';

import { errorView } from '../../format/error-view';
import { formatIn } from '../../format/time';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { useNow } from '../../hooks/use-now';

import { FixActionButton } from './fix-action';
import { CloseIcon } from './icons';

const AUTO_DISMISS_MS = 8000;

interface ErrorBannerProps {
  /** The mini-player has no room for a device list: it offers to open the main window instead. */
  readonly compact?: boolean;
}

/**
 * The last command's error, in words from the one error table (format/error-view.ts) with its fixing action;
 * `no_active_device` lists the devices to play on. Errors with an action stay until dismissed.
 */
export function ErrorBanner({ compact = false }: ErrorBannerProps): ReactElement | null {
  const api = useApi();
  const { error, dismiss, run } = useCommands();
  const devices = error?.devices ?? [];
  const view = error === null ? null : errorView(error);
  const pickDevice = error?.code === 'no_active_device' && devices.length > 0;
  const sticky = pickDevice || (view !== null && view.action.kind !== 'none');
  const now = useNow(error?.retryAt !== undefined, 1000);

  useEffect(() => {
    if (error === null || sticky) return undefined;
    const timer = setTimeout(dismiss, AUTO_DISMISS_MS);
    return () => clearTimeout(timer);
  }, [error, sticky, dismiss]);

  if (error === null || view === null) return null;

  const retry = error.retryAt !== undefined && error.retryAt > now ? ` Try again ${formatIn(error.retryAt, now)}.` : '';

  return (
    <div
      className={`error-banner${compact ? ' error-banner--compact' : ''}`}
      role="alert"
      data-testid="error-banner"
      data-code={error.code}
    >
      <div className="error-banner__row">
        <p className="error-banner__message" data-testid="error-message">
          {view.text}
          {retry}
        </p>
        <button type="button" className="icon-button icon-button--small" aria-label="Dismiss" title="Dismiss" onClick={dismiss}>
          <CloseIcon size={14} />
        </button>
      </div>
      {pickDevice && !compact ? (
        <div className="device-picker" data-testid="device-picker">
          <p className="device-picker__hint">Play on:</p>
          <ul className="device-picker__list">
            {devices.map((device) => (
              <li key={device.id}>
                <button
                  type="button"
                  className="button button--small"
                  data-testid="device-picker-option"
                  data-device-id={device.id}
                  onClick={() => {
                    void run('transfer', () => api.player.transfer({ deviceId: device.id, play: true })).then((done) => {
                      if (done) dismiss();
                    });
                  }}
                >
                  {device.name}
                  <span className="device-picker__type">{device.type}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="error-banner__actions">
          <FixActionButton action={view.action} compact={compact} onRetry={error.retry} />
        </div>
      )}
    </div>
  );
}
