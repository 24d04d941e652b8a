import { useRef, useState, type ReactElement } from 'react';

import { CopyIcon } from './icons';

interface CopyFieldProps {
  readonly label: string;
  readonly value: string;
  readonly testId?: string;
}

type Copied = 'idle' | 'copied' | 'selected';

const COPY_KEYS = typeof navigator !== 'undefined' && /Mac/i.test(navigator.userAgent) ? '⌘C' : 'Ctrl+C';

/** A read-only value with a copy button; where the clipboard is refused, the text is selected instead. */
export function CopyField({ label, value, testId }: CopyFieldProps): ReactElement {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<Copied>('idle');

  const selectText = (): void => {
    input.current?.focus();
    input.current?.select();
    setCopied('selected');
  };

  const copy = (): void => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (clipboard === undefined || typeof clipboard.writeText !== 'function') {
      selectText();
      return;
    }
    clipboard.writeText(value).then(
      () => setCopied('copied'),
      () => selectText(),
    );
  };

  return (
    <div className="copy-field">
      <input
        ref={input}
        className="copy-field__value"
        readOnly
        value={value}
        aria-label={label}
        data-testid={testId}
        onFocus={(event) => event.currentTarget.select()}
        spellCheck={false}
      />
      <button type="button" className="button button--small" onClick={copy} aria-label={`Copy ${label}`}>
        <CopyIcon size={14} />
        <span>{copied === 'copied' ? 'Copied' : copied === 'selected' ? `Press ${COPY_KEYS}` : 'Copy'}</span>
      </button>
    </div>
  );
}
