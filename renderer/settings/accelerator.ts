/**
 * Turning a key press into an Electron accelerator ("CommandOrControl+Shift+P") and back into words for people.
 * Pure, so the recording rules are tested without a browser.
 */

export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

export type Recorded =
  | { readonly kind: 'accelerator'; readonly accelerator: string }
  /** Only modifiers so far: keep listening. */
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'clear' }
  | { readonly kind: 'invalid'; readonly reason: string };

const NAMED: Readonly<Record<string, string>> = {
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ' ': 'Space',
  Enter: 'Return',
  Tab: 'Tab',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
  Delete: 'Delete',
  '+': 'Plus',
  MediaPlayPause: 'MediaPlayPause',
  MediaTrackNext: 'MediaNextTrack',
  MediaTrackPrevious: 'MediaPreviousTrack',
  MediaStop: 'MediaStop',
  AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown',
  AudioVolumeMute: 'VolumeMute',
};

const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'OS']);
/** Keys that make a shortcut by themselves. */
const STANDALONE = /^(F([1-9]|1\d|2[0-4])|Media\w+|Volume\w+)$/;

function keyName(press: KeyPress): string | null {
  if (/^Key[A-Z]$/.test(press.code)) return press.code.slice(3);
  if (/^Digit\d$/.test(press.code)) return press.code.slice(5);
  if (/^F\d{1,2}$/.test(press.key)) return press.key;
  const named = NAMED[press.key];
  if (named !== undefined) return named;
  if (press.key.length === 1 && /[-=[\]\\;',./`]/.test(press.key)) return press.key;
  return null;
}

/** The accelerator a key press records, with the platform's main modifier as CommandOrControl. */
export function recordKeyPress(press: KeyPress, platform: string): Recorded {
  if (press.key === 'Escape') return { kind: 'cancel' };
  if ((press.key === 'Backspace' || press.key === 'Delete') && !press.ctrlKey && !press.metaKey && !press.altKey && !press.shiftKey)
    return { kind: 'clear' };
  if (MODIFIER_KEYS.has(press.key)) return { kind: 'incomplete' };
  const key = keyName(press);
  if (key === null) return { kind: 'invalid', reason: `“${press.key}” can’t be used in a shortcut` };
  const mac = platform === 'darwin';
  const parts: string[] = [];
  if (mac ? press.metaKey : press.ctrlKey) parts.push('CommandOrControl');
  if (mac && press.ctrlKey) parts.push('Control');
  if (!mac && press.metaKey) parts.push('Super');
  if (press.altKey) parts.push('Alt');
  if (press.shiftKey) parts.push('Shift');
  const modifiers = parts.filter((p) => p !== 'Shift').length;
  if (modifiers === 0 && !STANDALONE.test(key)) return { kind: 'invalid', reason: 'Add Ctrl, Alt or another modifier so the shortcut doesn’t block typing' };
  return { kind: 'accelerator', accelerator: [...parts, key].join('+') };
}

/** "CommandOrControl+Shift+Alt+P" as people read it on this platform. */
export function describeAccelerator(accelerator: string, platform: string): string {
  const mac = platform === 'darwin';
  const words: Readonly<Record<string, string>> = {
    CommandOrControl: mac ? '⌘' : 'Ctrl',
    CmdOrCtrl: mac ? '⌘' : 'Ctrl',
    Control: mac ? '⌃' : 'Ctrl',
    Alt: mac ? '⌥' : 'Alt',
    Option: '⌥',
    Shift: mac ? '⇧' : 'Shift',
    Super: 'Super',
    Meta: mac ? '⌘' : 'Super',
    Up: '↑',
    Down: '↓',
    Left: '←',
    Right: '→',
    MediaPlayPause: 'Play/Pause key',
    MediaNextTrack: 'Next key',
    MediaPreviousTrack: 'Previous key',
  };
  return accelerator
    .split('+')
    .map((part) => words[part] ?? part)
    .join(mac ? '' : '+');
}
