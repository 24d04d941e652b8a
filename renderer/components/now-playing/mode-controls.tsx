import type { ReactElement } from 'react';

import type { RepeatMode } from '../../../shared/state/now-playing';
import { REPEAT_LABELS, type ControlStates } from '../../format/now-playing-view';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { IconButton } from '../common/icon-button';
import { RepeatIcon, ShuffleIcon } from '../common/icons';

interface ModeControlsProps {
  readonly shuffle: boolean;
  readonly repeat: RepeatMode;
  readonly controls: ControlStates;
  readonly size?: number;
}

/** Shuffle on/off and the repeat cycle off → all → one, each drawn distinctly. */
export function ModeControls({ shuffle, repeat, controls, size = 18 }: ModeControlsProps): ReactElement {
  const api = useApi();
  const { run, busy } = useCommands();
  return (
    <div className="mode-controls" role="group" aria-label="Playback modes">
      <IconButton
        label={shuffle ? 'Shuffle is on' : 'Shuffle is off'}
        className={`toggle${shuffle ? ' is-active' : ''}`}
        data-testid="shuffle"
        aria-pressed={shuffle}
        state={controls.shuffle}
        busy={busy.has('shuffle')}
        onClick={() => void run('shuffle', () => api.player.setShuffle({ on: !shuffle }))}
      >
        <ShuffleIcon size={size} />
      </IconButton>
      <IconButton
        label={`${REPEAT_LABELS[repeat]}; change repeat`}
        className={`toggle repeat repeat--${repeat}${repeat === 'off' ? '' : ' is-active'}`}
        data-testid="repeat"
        data-repeat={repeat}
        state={controls.repeat}
        busy={busy.has('repeat')}
        onClick={() => void run('repeat', () => api.player.cycleRepeat())}
      >
        <RepeatIcon size={size} />
        {repeat === 'track' ? <span className="repeat__badge">1</span> : null}
      </IconButton>
    </div>
  );
}
