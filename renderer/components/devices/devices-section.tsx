import type { ReactElement } from 'react';

import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { useDevices } from '../../hooks/use-devices';
import { deviceBlockedReason } from '../../format/device-view';
import { DeviceIcon, RefreshIcon } from '../common/icons';

interface DevicesSectionProps {
  /** Changes when the active device changes, so the list reloads. */
  readonly activeDeviceKey: string;
  /** The sign-in state's kind: the list reloads when it changes (demo devices are not the account's). */
  readonly authKind: string;
}

export { deviceBlockedReason };

/** Spotify Connect devices: the active one marked, a click moves playback there. */
export function DevicesSection({ activeDeviceKey, authKind }: DevicesSectionProps): ReactElement {
  const api = useApi();
  const { run, busy } = useCommands();
  const { devices, loading, error, refresh } = useDevices(api, `${activeDeviceKey}|${authKind}`);

  return (
    <section id="devices" tabIndex={-1} className="card devices" aria-labelledby="devices-heading" data-testid="devices">
      <header className="card__header">
        <h2 id="devices-heading">Devices</h2>
        <button
          type="button"
          className="icon-button icon-button--small"
          aria-label="Refresh devices"
          title="Refresh devices"
          data-testid="refresh-devices"
          aria-busy={loading || undefined}
          onClick={refresh}
        >
          <RefreshIcon size={16} />
        </button>
      </header>
      {error === null ? null : (
        <p className="notice notice--warning" data-testid="devices-error">
          {error.message}
        </p>
      )}
      {devices === null ? (
        loading ? (
          <p className="muted">Looking for devices…</p>
        ) : null
      ) : devices.length === 0 ? (
        <p className="muted" data-testid="devices-empty">
          No devices found. Open Spotify on your phone, computer or speaker, then refresh.
        </p>
      ) : (
        <ul className="device-list" data-testid="device-list">
          {devices.map((device, index) => {
            const blocked = deviceBlockedReason(device);
            const deviceId = device.id;
            return (
              <li key={device.id ?? `unnamed-${index}`}>
                <button
                  type="button"
                  className={`device${device.isActive ? ' is-active' : ''}`}
                  data-testid="device"
                  data-device-id={device.id ?? undefined}
                  data-active={device.isActive}
                  aria-current={device.isActive || undefined}
                  disabled={blocked !== null || device.isActive}
                  title={blocked ?? (device.isActive ? 'Playing here' : `Play on ${device.name}`)}
                  aria-busy={busy.has('transfer') || undefined}
                  onClick={() => {
                    if (deviceId === null) return;
                    void run('transfer', () => api.player.transfer({ deviceId })).then((done) => {
                      if (done) refresh();
                    });
                  }}
                >
                  <DeviceIcon type={device.type} size={18} />
                  <span className="device__text">
                    <span className="device__name">{device.name}</span>
                    <span className="device__detail">
                      {device.type}
                      {device.isPrivateSession ? ' · Private session' : ''}
                      {device.volumePercent === null || !device.supportsVolume ? '' : ` · ${device.volumePercent}%`}
                      {blocked === null ? '' : ` · ${blocked}`}
                    </span>
                  </span>
                  {device.isActive ? <span className="device__badge">Playing here</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
