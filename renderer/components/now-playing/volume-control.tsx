import { useState, type ReactElement } from 'react';

import type { Device } from '../../../shared/state/now-playing';
import type { ControlState } from '../../format/now-playing-view';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { VolumeIcon } from '../common/icons';

import { CommitRange } from './commit-range';

interface VolumeControlProps {
  readonly device: Device | null;
  readonly state: ControlState;
  /** Show the reason as a line (off where the window already says it). */
  readonly showReason?: boolean;
}

/** The device's volume; disabled with the reason when the device does not allow it. */
export function VolumeControl({ device, state, showReason = true }: VolumeControlProps): ReactElement {
  const api = useApi();
  const { run } = useCommands();
  const [pending, setPending] = useState<number | null>(null);
  const volume = pending ?? device?.volumePercent ?? 0;

  return (
    <div className={`volume${state.enabled ? '' : ' is-disabled'}`} data-testid="volume">
      <VolumeIcon muted={!state.enabled || volume === 0} size={18} />
      <CommitRange
        className="volume__slider"
        value={volume}
        max={100}
        step={1}
        disabled={!state.enabled}
        disabledReason={state.reason}
        label="Volume"
        valueText={state.enabled ? `${volume}%` : 'Unavailable'}
        title={state.enabled ? `Volume ${volume}%` : undefined}
        testId="volume-slider"
        onCommit={(percent) => {
          const rounded = Math.round(percent);
          setPending(rounded);
          void run('volume', () => api.player.setVolume({ percent: rounded })).finally(() => setPending(null));
        }}
      />
      {state.enabled || !showReason ? null : (
        <span className="volume__reason" data-testid="volume-reason">
          {state.reason}
        </span>
      )}
    </div>
  );
}
