import { useEffect, type ReactElement } from 'react';

import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { useNow } from '../../hooks/use-now';
import { formatIn } from '../../format/time';

import { CloseIcon } from './icons';

const AUTO_DISMISS_MS = 8000;

interface ErrorBannerProps {
  /** The mini-player has no room for a device list: it offers to open the main window instead. */
  readonly compact?: boolean;
}

/** The last command's error, inline; `no_active_device` offers the devices to play on. */
export function ErrorBanner({ compact = false }: ErrorBannerProps): ReactElement | null {
  const api = useApi();
  const { error, dismiss, run } = useCommands();
  const devices = error?.devices ?? [];
  const needsChoice = error?.code === 'no_active_device' && devices.length > 0;
  const now = useNow(error?.retryAt !== undefined, 1000);

  useEffect(() => {
    if (error === null || needsChoice) return undefined;
    const timer = setTimeout(dismiss, AUTO_DISMISS_MS);
    return () => clearTimeout(timer);
  }, [error, needsChoice, dismiss]);

  if (error === null) return null;

  const retry = error.retryAt !== undefined && error.retryAt > now ? ` Try again ${formatIn(error.retryAt, now)}.` : '';

  return (
    <div
      className={`error-banner${compact ? ' error-banner--compact' : ''}`}
      role="alert"
      data-testid="error-banner"
      data-code={error.code}
    >
      <div className="error-banner__row">
        <p className="error-banner__message">
          {error.message}
          {retry}
        </p>
        <button type="button" className="icon-button icon-button--small" aria-label="Dismiss" title="Dismiss" onClick={dismiss}>
          <CloseIcon size={14} />
        </button>
      </div>
      {needsChoice && compact ? (
        <button type="button" className="button button--small" onClick={() => api.window.showMain()}>
          Choose a device…
        </button>
      ) : null}
      {needsChoice && !compact ? (
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
      ) : null}
    </div>
  );
}
