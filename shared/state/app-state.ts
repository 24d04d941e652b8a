import { z } from 'zod';

import { AuthSettingsSchema, AuthStateSchema } from './auth-state';
import { DesktopStatusSchema } from './desktop';
import { PlaybackStateSchema } from './now-playing';
import { PreferencesSchema } from './preferences';

/** Everything the windows render, owned by main. `rev` grows with every change so a late snapshot never wins. */
export const AppStateSchema = z.object({
  rev: z.number().int().nonnegative(),
  auth: AuthStateSchema,
  authSettings: AuthSettingsSchema,
  playback: PlaybackStateSchema,
  /** The user's desktop choices (hotkeys, notifications, theme, mini-player, media session). */
  preferences: PreferencesSchema,
  /** What the OS made of them: each hotkey's registration, which features this shell has. */
  desktop: DesktopStatusSchema,
});
export type AppState = z.infer<typeof AppStateSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** `electron` in the app, `web` when served by the headless host. */
  shell: z.enum(['electron', 'web']),
  /** True when no Client ID is configured: playback runs against the embedded simulator. */
  demo: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
