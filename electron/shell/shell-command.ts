import type { HotkeyCommand } from '../../shared/state/preferences';

/**
 * Everything the desktop shell can ask for, from a hotkey, a media key, a control link, the command line or
 * the tray. Bindable commands are the preferences' HotkeyCommand list; the rest come from elsewhere.
 */
export type ShellCommand = HotkeyCommand | 'like' | 'unlike' | 'stop' | 'showMini';

/** Where a command came from: decides key-repeat handling and what the log says. */
export type CommandSource = 'hotkey' | 'mediaKey' | 'controlLink' | 'argv' | 'tray' | 'mediaSession';

/** How a repeated command is treated while a key is held (see command-dispatch.ts). */
export type RepeatKind = 'toggle' | 'step' | 'skip';

export function repeatKindOf(command: ShellCommand): RepeatKind {
  switch (command) {
    case 'playPause':
    case 'toggleLike':
    case 'like':
    case 'unlike':
    case 'stop':
    case 'toggleMini':
    case 'showMini':
    case 'showMain':
      return 'toggle';
    case 'volumeUp':
    case 'volumeDown':
    case 'seekForward':
    case 'seekBackward':
      return 'step';
    case 'next':
    case 'previous':
      return 'skip';
  }
}
