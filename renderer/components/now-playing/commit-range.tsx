import { useState, type CSSProperties, type KeyboardEvent, type ReactElement } from 'react';

interface CommitRangeProps {
  readonly value: number;
  readonly max: number;
  readonly step?: number;
  readonly disabled: boolean;
  readonly label: string;
  readonly valueText: string;
  readonly title?: string;
  readonly className?: string;
  readonly testId?: string;
  /** Called once the user lets go (pointer up, key up, blur), not on every move. */
  readonly onCommit: (value: number) => void;
  /** The value being dragged, for a live readout; null when released. */
  readonly onDrag?: (value: number | null) => void;
}

const COMMIT_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/** A range input that shows the dragged value and sends it once released. */
export function CommitRange(props: CommitRangeProps): ReactElement {
  const { value, max, step = 1, disabled, label, valueText, title, className, testId, onCommit, onDrag } = props;
  const [dragging, setDragging] = useState<number | null>(null);

  const update = (next: number | null): void => {
    setDragging(next);
    onDrag?.(next);
  };
  const commit = (): void => {
    if (dragging === null) return;
    onCommit(dragging);
    update(null);
  };

  const shown = dragging ?? Math.min(value, max);
  const fill = max > 0 ? (shown / max) * 100 : 0;

  return (
    <input
      type="range"
      className={['range', className].filter(Boolean).join(' ')}
      min={0}
      max={max}
      step={step}
      value={shown}
      disabled={disabled}
      aria-label={label}
      aria-valuetext={valueText}
      title={title}
      data-testid={testId}
      style={{ '--fill': `${fill}%` } as CSSProperties}
      onChange={(event) => update(Number(event.currentTarget.value))}
      onPointerUp={commit}
      onKeyUp={(event: KeyboardEvent<HTMLInputElement>) => {
        if (COMMIT_KEYS.has(event.key)) commit();
      }}
      onBlur={commit}
    />
  );
}
