import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactElement } from 'react';

interface CommitRangeProps {
  readonly value: number;
  readonly max: number;
  readonly step?: number;
  /** Unavailable: stays focusable (`aria-disabled`) with the reason as its description, and does not move. */
  readonly disabled: boolean;
  /** Why it is disabled, read out with it (and its tooltip). */
  readonly disabledReason?: string | null;
  readonly label: string;
  readonly valueText: string;
  readonly title?: string;
  readonly className?: string;
  readonly testId?: string;
  /** Called once the user lets go (pointer up; a key burst gone quiet, Enter or blur), not on every move. */
  readonly onCommit: (value: number) => void;
  /** The value being dragged, for a live readout; null when released. */
  readonly onDrag?: (value: number | null) => void;
}

const COMMIT_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
/** How long the keys must rest before a burst of taps is sent as one request. */
export const KEY_BURST_QUIET_MS = 400;

/** A range input that shows the dragged value and sends it once released. */
export function CommitRange(props: CommitRangeProps): ReactElement {
  const { value, max, step = 1, disabled, disabledReason, label, valueText, title, className, testId, onCommit, onDrag } = props;
  const reasonId = useId();
  const reason = disabled ? (disabledReason ?? 'Not available right now') : null;
  const [dragging, setDragging] = useState<number | null>(null);
  // The timer and the newest value live in refs: a burst's commit runs after renders that closed over older ones.
  const pending = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ onCommit, onDrag });
  latest.current = { onCommit, onDrag };

  const cancelTimer = (): void => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  const update = (next: number | null): void => {
    pending.current = next;
    setDragging(next);
    latest.current.onDrag?.(next);
  };
  const commit = (): void => {
    cancelTimer();
    const chosen = pending.current;
    if (chosen === null) return;
    latest.current.onCommit(chosen);
    update(null);
  };
  const commitWhenQuiet = (): void => {
    cancelTimer();
    timer.current = setTimeout(commit, KEY_BURST_QUIET_MS);
  };

  // Unmounting mid-burst (a mode switch) still sends what the user chose.
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => () => commitRef.current(), []);

  const shown = dragging ?? Math.min(value, max);
  const fill = max > 0 ? (shown / max) * 100 : 0;

  return (
    <>
      <input
        type="range"
        className={['range', className].filter(Boolean).join(' ')}
        min={0}
        max={max}
        step={step}
        value={shown}
        aria-disabled={disabled || undefined}
        aria-describedby={reason === null ? undefined : reasonId}
        aria-label={label}
        aria-valuetext={valueText}
        title={reason ?? title}
        data-testid={testId}
        style={{ '--fill': `${fill}%` } as CSSProperties}
        // While disabled the input stays controlled at `shown`: a move is refused, React puts the value back.
        onChange={(event) => {
          if (!disabled) update(Number(event.currentTarget.value));
        }}
        onPointerDown={(event) => {
          if (disabled) event.preventDefault();
        }}
        onPointerUp={commit}
        onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
          if (disabled && COMMIT_KEYS.has(event.key)) event.preventDefault();
          else if (event.key === 'Enter') commit();
        }}
        onKeyUp={(event: KeyboardEvent<HTMLInputElement>) => {
          if (COMMIT_KEYS.has(event.key)) commitWhenQuiet();
        }}
        onBlur={commit}
      />
      {reason === null ? null : (
        <span id={reasonId} className="visually-hidden">
          {reason}
        </span>
      )}
    </>
  );
}
