import type { ButtonHTMLAttributes, ReactElement, ReactNode } from 'react';

import type { ControlState } from '../../format/now-playing-view';

interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled' | 'title' | 'children'> {
  /** Spoken name; also the tooltip while enabled. */
  readonly label: string;
  readonly state?: ControlState;
  readonly busy?: boolean;
  readonly children: ReactNode;
}

/** A round icon button: labelled for screen readers, with the disabled reason as its tooltip. */
export function IconButton({ label, state, busy = false, className, children, ...rest }: IconButtonProps): ReactElement {
  const enabled = state?.enabled ?? true;
  const reason = enabled ? null : (state?.reason ?? null);
  return (
    <button
      type="button"
      {...rest}
      className={['icon-button', className].filter(Boolean).join(' ')}
      aria-label={label}
      aria-busy={busy || undefined}
      title={reason ?? label}
      disabled={!enabled}
      data-disabled-reason={reason ?? undefined}
    >
      {children}
    </button>
  );
}
