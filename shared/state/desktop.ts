import { z } from 'zod';

import { HotkeyCommandSchema } from './preferences';

/**
 * What the OS made of the desktop preferences, reported by main so the settings page can show each binding's
 * fate and each feature's availability. Main fills it in; the renderer only shows it.
 */

/** The outcome of registering one global shortcut. */
export const HotkeyStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('registered') }),
  /** No shortcut chosen for this command. */
  z.object({ kind: z.literal('unbound') }),
  /** Not yet applied (starting up, or a shell without global shortcuts such as the web preview). */
  z.object({ kind: z.literal('pending') }),
  z.object({ kind: z.literal('invalid'), reason: z.string() }),
  /** `globalShortcut.register` said no: another application holds it. */
  z.object({ kind: z.literal('taken') }),
  z.object({ kind: z.literal('conflict'), with: HotkeyCommandSchema }),
  /** macOS: media keys need Accessibility trust for Trayplay. */
  z.object({ kind: z.literal('needsAccessibility') }),
  /** Wayland: Electron's global shortcuts are unreliable there; use control links or the media session. */
  z.object({ kind: z.literal('unsupported'), reason: z.string() }),
  z.object({ kind: z.literal('failed'), reason: z.string() }),
]);
export type HotkeyStatus = z.infer<typeof HotkeyStatusSchema>;

export const HotkeyReportSchema = z.object({
  command: HotkeyCommandSchema,
  accelerator: z.string().nullable(),
  status: HotkeyStatusSchema,
});
export type HotkeyReport = z.infer<typeof HotkeyReportSchema>;

export const MediaKeyNameSchema = z.enum(['MediaPlayPause', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop']);
export type MediaKeyName = z.infer<typeof MediaKeyNameSchema>;

export const MediaKeyReportSchema = z.object({ key: MediaKeyNameSchema, status: HotkeyStatusSchema });
export type MediaKeyReport = z.infer<typeof MediaKeyReportSchema>;

/** Whether a feature works in this shell on this OS, and if not, why (shown as is). */
export const CapabilitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('available') }),
  z.object({ kind: z.literal('unavailable'), reason: z.string() }),
]);
export type Capability = z.infer<typeof CapabilitySchema>;

/** The Linux media session (MPRIS): whether Trayplay shows in the system's media controls right now. */
export const MediaSessionStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('off') }),
  z.object({ kind: z.literal('unavailable'), reason: z.string() }),
  z.object({ kind: z.literal('published'), busName: z.string() }),
  /** The local Spotify client is the active device and publishes itself: Trayplay steps back. */
  z.object({ kind: z.literal('steppedBack'), reason: z.string() }),
]);
export type MediaSessionStatus = z.infer<typeof MediaSessionStatusSchema>;

export const DesktopStatusSchema = z.object({
  capabilities: z.object({
    globalShortcuts: CapabilitySchema,
    alwaysOnTop: CapabilitySchema,
    startAtLogin: CapabilitySchema,
    notifications: CapabilitySchema,
    mediaSession: CapabilitySchema,
    /** macOS Accessibility trust, needed for media keys. `available` where not needed. */
    accessibility: CapabilitySchema,
  }),
  hotkeys: z.array(HotkeyReportSchema),
  mediaKeys: z.array(MediaKeyReportSchema),
  mediaSession: MediaSessionStatusSchema,
  /** The Spotify desktop client on this computer publishes its MPRIS player. */
  localClient: z.object({ present: z.boolean() }),
});
export type DesktopStatus = z.infer<typeof DesktopStatusSchema>;

/** What one part of main replaces: its own fields, and any subset of the capabilities. */
export type DesktopStatusPatch = Partial<Omit<DesktopStatus, 'capabilities'>> & { readonly capabilities?: Partial<DesktopStatus['capabilities']> };

const webPreview = (feature: string): Capability => ({ kind: 'unavailable', reason: `${feature} needs the desktop app; the web preview cannot do it` });

/** The status of a shell that has not applied anything (the web preview, or the app before ready). */
export const initialDesktopStatus = (shell: 'electron' | 'web'): DesktopStatus => ({
  capabilities:
    shell === 'web'
      ? {
          globalShortcuts: webPreview('Global shortcuts'),
          alwaysOnTop: webPreview('Always on top'),
          startAtLogin: webPreview('Start at login'),
          notifications: webPreview('Notifications'),
          mediaSession: { kind: 'unavailable', reason: 'The media session is not running' },
          accessibility: { kind: 'available' },
        }
      : {
          globalShortcuts: { kind: 'available' },
          alwaysOnTop: { kind: 'available' },
          startAtLogin: { kind: 'available' },
          notifications: { kind: 'available' },
          mediaSession: { kind: 'unavailable', reason: 'The media session is not running' },
          accessibility: { kind: 'available' },
        },
  hotkeys: [],
  mediaKeys: [],
  mediaSession: { kind: 'off' },
  localClient: { present: false },
});
