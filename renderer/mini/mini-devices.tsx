import type { ReactElement } from 'react';

import { DeviceIcon } from '../components/common/icons';
import { deviceBlockedReason } from '../format/device-view';
import { useApi } from '../hooks/api-context';
import { useCommands } from '../hooks/use-command-runner';
import { useDevices } from '../hooks/use-devices';

/** The expanded mini-player's device picker: every Spotify Connect device, a press moves playback there. */
export function MiniDevices({ activeKey }: { readonly activeKey: string }): ReactElement {
  const api = useApi();
  const { run, busy } = useCommands();
  const { devices, error, refresh } = useDevices(api, activeKey);
  return (
    <section className="mini__devices" aria-label="Devices" data-testid="mini-devices">
      {error !== null ? <p className="mini__devices-note">{error.code === 'no_active_device' ? 'No device found.' : 'Devices are not available right now.'}</p> : null}
      {devices !== null && devices.length === 0 ? <p className="mini__devices-note">Open Spotify on a device, then it shows here.</p> : null}
      <ul className="mini__device-list">
        {(devices ?? []).map((device, index) => {
          const blocked = deviceBlockedReason(device);
          const id = device.id;
          return (
            <li key={id ?? `unnamed-${index}`}>
              <button
                type="button"
                className={`mini__device${device.isActive ? ' is-active' : ''}`}
                data-testid="mini-device"
                data-device-id={id ?? undefined}
                aria-current={device.isActive || undefined}
                aria-disabled={blocked !== null || undefined}
                title={blocked ?? (device.isActive ? 'Playing here' : `Play on ${device.name}`)}
                aria-busy={busy.has('transfer') || undefined}
                onClick={() => {
                  if (id === null || blocked !== null || device.isActive) return;
                  void run('transfer', () => api.player.transfer({ deviceId: id, play: true })).then((done) => {
                    if (done) refresh();
                  });
                }}
              >
                <DeviceIcon type={device.type} size={14} />
                <span className="mini__device-name">{device.name}</span>
                {device.isActive ? <span className="mini__device-badge">Playing</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
