import { useEffect, useRef, useState, type ReactElement } from 'react';

import type { Capability } from '../../shared/state/desktop';
import type { MiniSizeMode } from '../../shared/state/preferences';
import { IconButton } from '../components/common/icon-button';
import { CloseIcon, ExpandIcon, PinIcon, SizeIcon } from '../components/common/icons';
import { useOpenMain } from '../components/common/window-actions';
import { useApi } from '../hooks/api-context';
import { useCommands } from '../hooks/use-command-runner';
import { useShell } from '../hooks/window-context';

export const SIZE_MODES: readonly (readonly [MiniSizeMode, string])[] = [
  ['bar', 'Bar'],
  ['compact', 'Compact'],
  ['square', 'Square'],
  ['expanded', 'Expanded'],
];

interface MiniChromeProps {
  readonly sizeMode: MiniSizeMode;
  readonly alwaysOnTop: boolean;
  readonly pinCapability: Capability;
  /** Tells the window a menu is open, so the controls stay visible meanwhile. */
  readonly onMenu: (open: boolean) => void;
}

/** The window's own buttons: size, pin (always on top), open Trayplay, hide. Fade in on hover and focus. */
export function MiniChrome({ sizeMode, alwaysOnTop, pinCapability, onMenu }: MiniChromeProps): ReactElement {
  const api = useApi();
  const { run } = useCommands();
  const shell = useShell();
  const openMain = useOpenMain();
  // The web preview has no mini window to hide: a tab opened by Trayplay can close itself, any other has no Hide.
  // Until the app info says which shell this is, there is no Hide either (only its reserved place).
  const canHide = shell === 'electron' || (shell === 'web' && window.opener !== null);
  const pin = pinCapability.kind === 'available' ? { enabled: true, reason: null } : { enabled: false, reason: pinCapability.reason };
  return (
    <div className="mini__chrome" role="toolbar" aria-label="Mini-player window" data-testid="mini-chrome">
      <SizeMenu sizeMode={sizeMode} onMenu={onMenu} />
      <IconButton
        label={alwaysOnTop ? 'Stop keeping on top' : 'Keep on top of other windows'}
        className={`icon-button--tiny${alwaysOnTop ? ' is-active' : ''}`}
        data-testid="pin"
        aria-pressed={alwaysOnTop}
        state={pin}
        onClick={() => void run('settings', () => api.settings.update({ mini: { alwaysOnTop: !alwaysOnTop } }))}
      >
        <PinIcon filled={alwaysOnTop} size={13} />
      </IconButton>
      <span className="mini__chrome-spacer" />
      <IconButton label="Open Trayplay" className="icon-button--tiny" data-testid="open-main" onClick={openMain}>
        <ExpandIcon size={12} />
      </IconButton>
      {canHide ? (
        <IconButton
          label="Hide mini-player"
          className="icon-button--tiny"
          data-testid="close-mini"
          onClick={() => (shell === 'web' ? window.close() : api.window.hideMini())}
        >
          <CloseIcon size={12} />
        </IconButton>
      ) : (
        // Its place is kept: the shell is known only when the app info arrives, and the buttons must not move then.
        <span className="icon-button--tiny mini__chrome-slot" aria-hidden="true" />
      )}
    </div>
  );
}

function SizeMenu({ sizeMode, onMenu }: { readonly sizeMode: MiniSizeMode; readonly onMenu: (open: boolean) => void }): ReactElement {
  const api = useApi();
  const { run } = useCommands();
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const label = SIZE_MODES.find(([mode]) => mode === sizeMode)?.[1] ?? sizeMode;

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };
  useEffect(() => onMenu(open), [open, onMenu]);
  useEffect(() => {
    if (!open) return undefined;
    menu.current?.querySelector<HTMLButtonElement>('[aria-pressed="true"]')?.focus();
    const outside = (event: PointerEvent): void => {
      if (!menu.current?.contains(event.target as Node) && event.target !== trigger.current) setOpen(false);
    };
    window.addEventListener('pointerdown', outside);
    return () => window.removeEventListener('pointerdown', outside);
  }, [open]);

  return (
    <div className="mini__menu-anchor">
      <button
        ref={trigger}
        type="button"
        className="icon-button icon-button--tiny"
        aria-label={`Size: ${label}`}
        title={`Size: ${label}`}
        aria-expanded={open}
        aria-controls="mini-size-menu"
        data-testid="size-menu"
        onClick={() => setOpen(!open)}
      >
        <SizeIcon size={13} />
      </button>
      {open ? (
        <div
          id="mini-size-menu"
          ref={menu}
          className="mini__menu"
          role="group"
          aria-label="Mini-player size"
          data-testid="size-menu-list"
          onKeyDown={(event) => {
            if (event.key === 'Escape') close(true);
          }}
        >
          {SIZE_MODES.map(([mode, name]) => (
            <button
              key={mode}
              type="button"
              className="mini__menu-item"
              aria-pressed={mode === sizeMode}
              data-testid={`size-${mode}`}
              onClick={() => {
                close(true);
                if (mode !== sizeMode) void run('settings', () => api.settings.update({ mini: { sizeMode: mode } }));
              }}
            >
              {name}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
