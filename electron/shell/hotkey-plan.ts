import type { HotkeyReport, HotkeyStatus, MediaKeyName, MediaKeyReport } from '../../shared/state/desktop';
import { HOTKEY_COMMANDS, type HotkeyBindings, type HotkeyCommand, type MediaKeyOwnership } from '../../shared/state/preferences';

import { parseAccelerator } from './accelerator';
import type { ShellCommand } from './shell-command';

/** What the OS allows, read once per plan (trust can change while the app runs). */
export interface PlanEnvironment {
  readonly platform: NodeJS.Platform;
  readonly wayland: boolean;
  readonly accessibilityTrusted: boolean;
}

export interface HotkeyPlanInput {
  readonly bindings: HotkeyBindings;
  readonly mediaKeys: MediaKeyOwnership;
  readonly env: PlanEnvironment;
}

export type ShortcutTarget = { readonly kind: 'binding'; readonly command: HotkeyCommand } | { readonly kind: 'mediaKey'; readonly key: MediaKeyName };

export interface PlannedShortcut {
  readonly accelerator: string;
  readonly target: ShortcutTarget;
  readonly command: ShellCommand;
}

export interface HotkeyPlan {
  /** To register, in order. Their reports start as `pending` and are settled by the registrar. */
  readonly register: readonly PlannedShortcut[];
  readonly hotkeys: readonly HotkeyReport[];
  readonly mediaKeys: readonly MediaKeyReport[];
}

export const MEDIA_KEY_COMMANDS: Readonly<Record<MediaKeyName, ShellCommand>> = {
  MediaPlayPause: 'playPause',
  MediaNextTrack: 'next',
  MediaPreviousTrack: 'previous',
  MediaStop: 'stop',
};
/** The bindable command a media key stands for, named in a conflict report. */
const MEDIA_KEY_OWNER: Readonly<Record<MediaKeyName, HotkeyCommand>> = {
  MediaPlayPause: 'playPause',
  MediaNextTrack: 'next',
  MediaPreviousTrack: 'previous',
  MediaStop: 'playPause',
};
const MEDIA_KEY_NAMES = Object.keys(MEDIA_KEY_COMMANDS) as MediaKeyName[];

export const WAYLAND_REASON =
  'Global shortcuts do not work reliably under Wayland. Bind a key to a trayplay://control link in your desktop’s keyboard settings, or use the system media controls (MPRIS).';

/**
 * Decides, without touching the OS, which shortcuts to register and what to report for the rest: unbound,
 * invalid accelerator, a conflict with another Trayplay binding, Accessibility trust missing (macOS media
 * keys), or Wayland. The registrar then tries the planned ones and settles their reports.
 */
export function planHotkeys(input: HotkeyPlanInput): HotkeyPlan {
  const { env } = input;
  const unsupported: HotkeyStatus | null = env.wayland ? { kind: 'unsupported', reason: WAYLAND_REASON } : null;
  const needsTrust = (isMedia: boolean): boolean => isMedia && env.platform === 'darwin' && !env.accessibilityTrusted;
  const register: PlannedShortcut[] = [];
  /** identity → who holds it (a media key or a binding). */
  const taken = new Map<string, HotkeyCommand>();

  const mediaKeys: MediaKeyReport[] = MEDIA_KEY_NAMES.map((key) => {
    if (input.mediaKeys === 'leave') return { key, status: { kind: 'unbound' } };
    if (unsupported) return { key, status: unsupported };
    if (needsTrust(true)) return { key, status: { kind: 'needsAccessibility' } };
    taken.set(key, MEDIA_KEY_OWNER[key]);
    register.push({ accelerator: key, target: { kind: 'mediaKey', key }, command: MEDIA_KEY_COMMANDS[key] });
    return { key, status: { kind: 'pending' } };
  });

  const hotkeys: HotkeyReport[] = HOTKEY_COMMANDS.map((command) => {
    const raw = input.bindings[command];
    if (raw === null) return { command, accelerator: null, status: { kind: 'unbound' } };
    const parsed = parseAccelerator(raw, env.platform);
    if (!parsed.ok) return { command, accelerator: raw, status: { kind: 'invalid', reason: parsed.error } };
    const { accelerator, identity, isMediaKey } = parsed.value;
    const holder = taken.get(identity);
    if (holder !== undefined) return { command, accelerator, status: { kind: 'conflict', with: holder } };
    taken.set(identity, command);
    if (unsupported) return { command, accelerator, status: unsupported };
    if (needsTrust(isMediaKey)) return { command, accelerator, status: { kind: 'needsAccessibility' } };
    register.push({ accelerator, target: { kind: 'binding', command }, command });
    return { command, accelerator, status: { kind: 'pending' } };
  });

  return { register, hotkeys, mediaKeys };
}
