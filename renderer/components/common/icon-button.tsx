import { useId, type ButtonHTMLAttributes, type ReactElement, type ReactNode } from 'react';

import type { ControlState } from '../../format/now-playing-view';

interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled' | 'title' | 'children'> {
  /** Spoken name; also the tooltip while enabled. */
  readonly label: string;
  readonly state?: ControlState;
  readonly busy?: boolean;
  readonly children: ReactNode;
}

/**
 * A round icon button, labelled for screen readers. When unavailable it stays focusable (`aria-disabled`) and
 * its reason is its description, so keyboard and screen-reader users learn why, not only mouse users.
 */
export function IconButton({ label, state, busy = false, className, children, onClick, ...rest }: IconButtonProps): ReactElement {
  const enabled = state?.enabled ?? true;
  const reason = enabled ? null : (state?.reason ?? 'Not available right now');
  const reasonId = useId();
  return (
    <>
      <button
        type="button"
        {...rest}
        className={['icon-button', className].filter(Boolean).join(' ')}
        aria-label={label}
        aria-busy={busy || undefined}
        aria-disabled={enabled ? undefined : true}
        aria-describedby={reason === null ? undefined : reasonId}
        title={reason ?? label}
        data-disabled-reason={reason ?? undefined}
        onClick={enabled ? onClick : undefined}
      >
        {children}
      </button>
      {reason === null ? null : (
        <span id={reasonId} className="visually-hidden">
          {reason}
        </span>
      )}
    </>
  );
}
