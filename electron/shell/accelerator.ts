/**
 * Electron accelerators ("CommandOrControl+Shift+P") parsed and checked before anything is registered, so a
 * typo or an unusable combination is reported per binding instead of failing inside Electron. Electron reads
 * accelerators case-insensitively; we answer with one canonical spelling for display and one platform
 * identity ("Control+Shift+P" on Linux for both "Ctrl+Shift+P" and "CmdOrCtrl+Shift+P"; "Command+Shift+P" on
 * macOS for "Cmd+Shift+P", "Super+Shift+P" and "CmdOrCtrl+Shift+P") to find conflicts.
 */

import { fail, ok, type Result } from '../../shared/result';

export type Modifier = 'CommandOrControl' | 'Command' | 'Control' | 'Alt' | 'AltGr' | 'Shift' | 'Super';

export interface Accelerator {
  /** Canonical spelling, as registered with Electron and shown to the user. */
  readonly accelerator: string;
  readonly modifiers: readonly Modifier[];
  readonly key: string;
  /** The same combination with CommandOrControl (and on macOS Super) resolved for the platform: equal identities conflict. */
  readonly identity: string;
  readonly isMediaKey: boolean;
}

/** The parsed shortcut, or why it cannot be one (in words for the settings page). */
export type AcceleratorResult = Result<Accelerator, string>;

const MODIFIER_ALIASES: Readonly<Record<string, Modifier>> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

/** Display order, as the OSes write shortcuts. */
const MODIFIER_ORDER: readonly Modifier[] = ['CommandOrControl', 'Command', 'Control', 'Alt', 'AltGr', 'Shift', 'Super'];

export const MEDIA_KEYS = ['MediaPlayPause', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop'] as const;
const VOLUME_KEYS = ['VolumeUp', 'VolumeDown', 'VolumeMute'] as const;

const NAMED_KEYS: readonly string[] = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'PrintScreen',
  ...VOLUME_KEYS,
  ...MEDIA_KEYS,
  ...Array.from({ length: 10 }, (_, i) => `num${i}`),
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const KEY_ALIASES: Readonly<Record<string, string>> = { enter: 'Return', esc: 'Escape' };
const NAMED_BY_LOWER = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
/** Punctuation Electron accepts as a key (its own `+` is spelled `Plus`). */
const PUNCTUATION = new Set(")!@#$%^&*(:;=<,_->.?/~`{][|\\}\"'".split(''));

const MAX_LENGTH = 64;

function canonicalKey(raw: string): string | null {
  if (/^[a-z]$/i.test(raw)) return raw.toUpperCase();
  if (/^[0-9]$/.test(raw)) return raw;
  if (PUNCTUATION.has(raw)) return raw;
  const f = /^f([1-9]|1[0-9]|2[0-4])$/i.exec(raw);
  if (f) return `F${f[1]}`;
  const lower = raw.toLowerCase();
  return NAMED_BY_LOWER.get(lower) ?? KEY_ALIASES[lower] ?? null;
}

/** Keys that may stand alone as a global shortcut: nobody types them in a text field. */
function standsAlone(key: string): boolean {
  return (MEDIA_KEYS as readonly string[]).includes(key) || (VOLUME_KEYS as readonly string[]).includes(key) || /^F(1[3-9]|2[0-4])$/.test(key);
}

export function parseAccelerator(input: string, platform: NodeJS.Platform): AcceleratorResult {
  const text = input.trim();
  if (text.length === 0) return fail('The shortcut is empty');
  if (text.length > MAX_LENGTH) return fail('The shortcut is too long');
  // "Ctrl++" means Ctrl and the plus key; Electron spells that key "Plus", so accept both.
  const parts = text.endsWith('++') ? [...text.slice(0, -2).split('+'), 'Plus'] : text.split('+');
  if (parts.some((p) => p.trim().length === 0)) return fail('The shortcut has an empty part (two “+” in a row?)');
  const tokens = parts.map((p) => p.trim());
  const keyToken = tokens[tokens.length - 1] ?? '';
  const modifiers: Modifier[] = [];
  for (const token of tokens.slice(0, -1)) {
    const modifier = MODIFIER_ALIASES[token.toLowerCase()];
    if (!modifier) {
      return canonicalKey(token)
        ? fail(`A shortcut has one key; “${token}” and “${keyToken}” are both keys`)
        : fail(`“${token}” is not a modifier Electron knows (use Ctrl, Alt, Shift, Super or CommandOrControl)`);
    }
    if (modifiers.includes(modifier)) return fail(`${modifier} appears twice`);
    modifiers.push(modifier);
  }
  if (MODIFIER_ALIASES[keyToken.toLowerCase()]) return fail('The shortcut needs a key after its modifiers');
  const key = canonicalKey(keyToken);
  if (!key) return fail(`“${keyToken}” is not a key Electron knows`);
  if (modifiers.includes('Command') && platform !== 'darwin') return fail('Command exists only on macOS; use CommandOrControl');
  const resolved = resolveModifiers(modifiers, platform);
  const clash = resolved.findIndex((m, i) => resolved.indexOf(m) !== i);
  if (clash !== -1) {
    const first = modifiers[resolved.indexOf(resolved[clash]!)];
    return fail(
      platform === 'darwin'
        ? `On macOS ${first} and ${modifiers[clash]} are the same modifier (Command)`
        : 'CommandOrControl means Control here: the same modifier twice',
    );
  }
  const isMediaKey = (MEDIA_KEYS as readonly string[]).includes(key);
  if (isMediaKey && modifiers.length > 0) return fail('Media keys cannot be combined with modifiers');
  if (!standsAlone(key)) {
    if (modifiers.length === 0) return fail('A global shortcut needs a modifier (Ctrl, Alt, Super…), or typing would trigger it');
    if (modifiers.every((m) => m === 'Shift')) return fail('Shift alone is typing; add Ctrl, Alt or Super');
  }
  const ordered = MODIFIER_ORDER.filter((m) => modifiers.includes(m));
  const identityModifiers = MODIFIER_ORDER.filter((m) => resolved.includes(m));
  return ok({
    accelerator: [...ordered, key].join('+'),
    modifiers: ordered,
    key,
    identity: [...identityModifiers, key].join('+'),
    isMediaKey,
  });
}

/**
 * What each modifier is on this platform. On macOS Electron maps Super (and its alias Meta) to Command, as it
 * does CommandOrControl; elsewhere CommandOrControl is Control and Super is the Windows/logo key.
 */
function resolveModifiers(modifiers: readonly Modifier[], platform: NodeJS.Platform): Modifier[] {
  const mac = platform === 'darwin';
  return modifiers.map((m): Modifier => {
    switch (m) {
      case 'CommandOrControl':
        return mac ? 'Command' : 'Control';
      case 'Super':
        return mac ? 'Command' : 'Super';
      case 'Command':
      case 'Control':
      case 'Alt':
      case 'AltGr':
      case 'Shift':
        return m;
    }
  });
}
