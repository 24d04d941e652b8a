import { z } from 'zod';

/**
 * What the user chose for the desktop side of Trayplay: hotkeys, notifications, start at login, theme, the
 * mini-player window and the Linux media session. Owned by main (persisted there), pushed in the app state.
 */

/** Commands a user may bind to a global shortcut. Media keys map onto the first four. */
export const HOTKEY_COMMANDS = [
  'playPause',
  'next',
  'previous',
  'toggleLike',
  'volumeUp',
  'volumeDown',
  'seekForward',
  'seekBackward',
  'toggleMini',
  'showMain',
] as const;
export const HotkeyCommandSchema = z.enum(HOTKEY_COMMANDS);
export type HotkeyCommand = z.infer<typeof HotkeyCommandSchema>;

/** An Electron accelerator as the user recorded it; its grammar is checked by main before registering. */
export const AcceleratorSchema = z.string().trim().min(1).max(64);

const bindingShape = Object.fromEntries(HOTKEY_COMMANDS.map((command) => [command, AcceleratorSchema.nullable()])) as {
  [C in HotkeyCommand]: z.ZodNullable<typeof AcceleratorSchema>;
};
export const HotkeyBindingsSchema = z.object(bindingShape);
export type HotkeyBindings = z.infer<typeof HotkeyBindingsSchema>;

/** Only one app can own the media keys; taking them can break the Spotify client's own handling. */
export const MediaKeyOwnershipSchema = z.enum(['take', 'leave']);
export type MediaKeyOwnership = z.infer<typeof MediaKeyOwnershipSchema>;

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

export const MiniSizeModeSchema = z.enum(['bar', 'compact', 'square', 'expanded']);
export type MiniSizeMode = z.infer<typeof MiniSizeModeSchema>;

export const PreferencesSchema = z.object({
  hotkeys: z.object({
    mediaKeys: MediaKeyOwnershipSchema,
    bindings: HotkeyBindingsSchema,
  }),
  notifications: z.object({ trackChange: z.boolean() }),
  startAtLogin: z.boolean(),
  theme: ThemeSchema,
  mini: z.object({
    sizeMode: MiniSizeModeSchema,
    alwaysOnTop: z.boolean(),
    /** Percent. Below 70 the window is hard to read. */
    opacity: z.number().int().min(70).max(100),
    /** Hide the mini-player after this many minutes with nothing playing; null: never. */
    autoHideMinutes: z.number().int().min(1).max(240).nullable(),
  }),
  /** Linux: publish over MPRIS, and follow the local Spotify client's MPRIS player. */
  mediaSession: z.object({ publish: z.boolean(), followLocalClient: z.boolean() }),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

/** A change from the settings page: any section, any subset of its fields. */
export const PreferencesPatchSchema = z
  .object({
    hotkeys: z
      .object({ mediaKeys: MediaKeyOwnershipSchema.optional(), bindings: HotkeyBindingsSchema.partial().strict().optional() })
      .strict()
      .optional(),
    notifications: PreferencesSchema.shape.notifications.partial().strict().optional(),
    startAtLogin: z.boolean().optional(),
    theme: ThemeSchema.optional(),
    mini: PreferencesSchema.shape.mini.partial().strict().optional(),
    mediaSession: PreferencesSchema.shape.mediaSession.partial().strict().optional(),
  })
  .strict();
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>;

/** Defaults are conservative: nothing grabbed that another app may want, nothing shown unasked. */
export const DEFAULT_HOTKEY_BINDINGS: HotkeyBindings = {
  playPause: 'CommandOrControl+Shift+Alt+P',
  next: 'CommandOrControl+Shift+Alt+Right',
  previous: 'CommandOrControl+Shift+Alt+Left',
  toggleLike: 'CommandOrControl+Shift+Alt+L',
  volumeUp: 'CommandOrControl+Shift+Alt+Up',
  volumeDown: 'CommandOrControl+Shift+Alt+Down',
  seekForward: null,
  seekBackward: null,
  toggleMini: 'CommandOrControl+Shift+Alt+M',
  showMain: null,
};

export const DEFAULT_PREFERENCES: Preferences = {
  hotkeys: { mediaKeys: 'take', bindings: DEFAULT_HOTKEY_BINDINGS },
  notifications: { trackChange: false },
  startAtLogin: false,
  theme: 'system',
  mini: { sizeMode: 'compact', alwaysOnTop: true, opacity: 100, autoHideMinutes: null },
  mediaSession: { publish: true, followLocalClient: true },
};

/** Applies a patch section by section; bindings merge key by key. */
export function applyPreferencesPatch(current: Preferences, patch: PreferencesPatch): Preferences {
  return {
    hotkeys: {
      mediaKeys: patch.hotkeys?.mediaKeys ?? current.hotkeys.mediaKeys,
      bindings: { ...current.hotkeys.bindings, ...stripUndefined(patch.hotkeys?.bindings ?? {}) },
    },
    notifications: { ...current.notifications, ...stripUndefined(patch.notifications ?? {}) },
    startAtLogin: patch.startAtLogin ?? current.startAtLogin,
    theme: patch.theme ?? current.theme,
    mini: { ...current.mini, ...stripUndefined(patch.mini ?? {}) },
    mediaSession: { ...current.mediaSession, ...stripUndefined(patch.mediaSession ?? {}) },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
