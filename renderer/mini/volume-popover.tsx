import { useEffect, useRef, useState, type ReactElement } from 'react';

import type { Device } from '../../shared/state/now-playing';
import { IconButton } from '../components/common/icon-button';
import { VolumeIcon } from '../components/common/icons';
import { CommitRange } from '../components/now-playing/commit-range';
import type { ControlState } from '../format/now-playing-view';
import { useApi } from '../hooks/api-context';
import { useCommands } from '../hooks/use-command-runner';

interface VolumePopoverProps {
  readonly device: Device | null;
  readonly state: ControlState;
  readonly onMenu: (open: boolean) => void;
}

/** The device's volume behind a button, where the device allows it (otherwise the button says why). */
export function VolumePopover({ device, state, onMenu }: VolumePopoverProps): ReactElement {
  const api = useApi();
  const { run } = useCommands();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<number | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const volume = pending ?? device?.volumePercent ?? 0;
  const shown = open && state.enabled;

  useEffect(() => onMenu(shown), [shown, onMenu]);
  useEffect(() => {
    if (!shown) return undefined;
    box.current?.querySelector('input')?.focus();
    const outside = (event: PointerEvent): void => {
      if (!box.current?.parentElement?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', outside);
    return () => window.removeEventListener('pointerdown', outside);
  }, [shown]);

  return (
    <div className="mini__menu-anchor">
      <IconButton
        label={state.enabled ? `Volume ${volume}%` : 'Volume'}
        className="icon-button--tiny mini__volume-button"
        data-testid="volume-button"
        aria-expanded={state.enabled ? shown : undefined}
        state={state}
        onClick={() => setOpen(!open)}
      >
        <VolumeIcon muted={!state.enabled || volume === 0} size={15} />
      </IconButton>
      {shown ? (
        <div
          ref={box}
          className="mini__menu mini__volume"
          data-testid="volume-popover"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpen(false);
          }}
        >
          <CommitRange
            className="volume__slider"
            value={volume}
            max={100}
            disabled={false}
            label="Volume"
            valueText={`${volume}%`}
            testId="volume-slider"
            onCommit={(percent) => {
              const rounded = Math.round(percent);
              setPending(rounded);
              void run('volume', () => api.player.setVolume({ percent: rounded })).finally(() => setPending(null));
            }}
          />
          <span className="mini__volume-value" aria-hidden="true">
            {volume}%
          </span>
        </div>
      ) : null}
    </div>
  );
}
