import { useState, type ReactElement } from 'react';

import type { ControlState } from '../../format/now-playing-view';
import { interpolateProgress, type ProgressObservation } from '../../format/progress';
import { formatDuration } from '../../format/time';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { useNow } from '../../hooks/use-now';

import { CommitRange } from './commit-range';

interface ProgressBarProps {
  readonly progress: ProgressObservation | null;
  readonly seek: ControlState;
  readonly compact?: boolean;
}

/** Elapsed / total with a seekable bar; the position moves locally between main's observations. */
export function ProgressBar({ progress, seek, compact = false }: ProgressBarProps): ReactElement {
  const api = useApi();
  const { run } = useCommands();
  const now = useNow(progress?.isPlaying ?? false);
  const [dragMs, setDragMs] = useState<number | null>(null);
  // Held from release until main answers, so the bar does not jump back meanwhile.
  const [pendingMs, setPendingMs] = useState<number | null>(null);

  const position = progress === null ? 0 : interpolateProgress(progress, now);
  const duration = progress?.durationMs ?? null;
  const shown = dragMs ?? pendingMs ?? position;
  const seekable = duration !== null && duration > 0;

  return (
    <div
      className={`progress${compact ? ' progress--compact' : ''}`}
      data-testid="progress"
      data-position-ms={Math.round(position)}
      data-duration-ms={duration ?? undefined}
    >
      <span className="progress__time" data-testid="progress-elapsed">
        {progress === null ? '–:––' : formatDuration(shown)}
      </span>
      {seekable ? (
        <CommitRange
          className="progress__slider"
          value={pendingMs ?? position}
          max={duration}
          step={1000}
          disabled={!seek.enabled}
          disabledReason={seek.reason}
          label="Seek"
          valueText={`${formatDuration(shown)} of ${formatDuration(duration)}`}
          testId="progress-slider"
          onDrag={setDragMs}
          onCommit={(value) => {
            const positionMs = Math.round(value);
            setPendingMs(positionMs);
            void run('seek', () => api.player.seek({ positionMs })).finally(() => setPendingMs(null));
          }}
        />
      ) : (
        <div className="progress__track" aria-hidden="true">
          {progress === null ? null : (
            <div className={`progress__indeterminate${progress.isPlaying ? ' is-moving' : ''}`} />
          )}
        </div>
      )}
      <span className="progress__time" data-testid="progress-duration">
        {duration === null ? '' : formatDuration(duration)}
      </span>
    </div>
  );
}
