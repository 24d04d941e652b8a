import type { ReactElement } from 'react';

import type { ControlStates } from '../../format/now-playing-view';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { IconButton } from '../common/icon-button';
import { NextIcon, PauseIcon, PlayIcon, PreviousIcon } from '../common/icons';

interface TransportControlsProps {
  readonly isPlaying: boolean;
  readonly controls: ControlStates;
  readonly size?: 'large' | 'small';
  /** A narrow layout shows only some of them (the bar: play/pause and next). */
  readonly only?: readonly ('previous' | 'playPause' | 'next')[];
}

/** Previous, play/pause and next. */
export function TransportControls({ isPlaying, controls, size = 'large', only }: TransportControlsProps): ReactElement {
  const api = useApi();
  const { run, busy } = useCommands();
  const icon = size === 'large' ? 22 : 16;
  const shows = (name: 'previous' | 'playPause' | 'next'): boolean => only === undefined || only.includes(name);
  return (
    <div className={`transport transport--${size}`} role="group" aria-label="Playback">
      {shows('previous') ? (
      <IconButton
        label="Previous"
        data-testid="previous"
        state={controls.previous}
        busy={busy.has('previous')}
        onClick={() => void run('previous', () => api.player.previous())}
      >
        <PreviousIcon size={icon} />
      </IconButton>
      ) : null}
      <IconButton
        label={isPlaying ? 'Pause' : 'Play'}
        className="icon-button--primary"
        data-testid="play-pause"
        data-state={isPlaying ? 'playing' : 'paused'}
        state={controls.playPause}
        busy={busy.has('playPause')}
        onClick={() => void run('playPause', () => api.player.togglePlay())}
      >
        {isPlaying ? <PauseIcon size={icon + 4} /> : <PlayIcon size={icon + 4} />}
      </IconButton>
      {shows('next') ? (
      <IconButton
        label="Next"
        data-testid="next"
        state={controls.next}
        busy={busy.has('next')}
        onClick={() => void run('next', () => api.player.next())}
      >
        <NextIcon size={icon} />
      </IconButton>
      ) : null}
    </div>
  );
}
