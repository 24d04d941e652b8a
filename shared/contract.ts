import { z } from 'zod';

import { call, command, event, type ClientApi } from './ipc/contract-kit';
import { AppInfoSchema, AppStateSchema } from './state/app-state';
import { RedirectModeSchema } from './state/auth-state';
import { DeviceSchema } from './state/now-playing';
import { PreferencesPatchSchema } from './state/preferences';

const none = z.undefined();
const done = z.null();

/** Client IDs are 32 lowercase hex characters; checked here so a typo never reaches Spotify. */
export const ClientIdSchema = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{32}$/i, 'A Client ID is 32 letters and digits (0-9, a-f), as shown in the Spotify dashboard')
  .transform((id) => id.toLowerCase());

export const LogEntrySchema = z.object({
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string().max(2000),
});

export const DiagnosticsSchema = z.object({
  text: z.string(),
  /** Whether it is on the clipboard (the web preview has none: the page copies `text` itself). */
  copied: z.boolean(),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

/**
 * The one contract between the windows and main. Channels are `domain:name`; both transports (Electron
 * IPC and WebSocket) and the preload are generated from this object.
 */
export const contract = {
  app: {
    getInfo: call(none, AppInfoSchema),
    /** Snapshot first, then `onState` for every change. */
    getState: call(none, AppStateSchema),
    onState: event(AppStateSchema),
    /** Renderer log lines, written by main's logger (with redaction). */
    log: command(LogEntrySchema),
    /** Opens the folder holding Trayplay's log files in the file manager. */
    openLogsFolder: call(none, done),
    /**
     * A redacted report for bug reports (versions, OS, state kinds, recent errors; never a token, code or
     * account id). Main also puts it on the clipboard where it can.
     */
    copyDiagnostics: call(none, DiagnosticsSchema),
  },
  auth: {
    signIn: call(none, done),
    cancel: call(none, done),
    signOut: call(none, done),
    /** Null clears the Client ID and returns to demo mode. */
    setClientId: call(z.object({ clientId: ClientIdSchema.nullable() }), done),
    setRedirectMode: call(z.object({ mode: RedirectModeSchema }), done),
    /** Linux without a keyring: keep tokens with the weak `basic_text` backend, after a warning. */
    setPlaintextOptIn: call(z.object({ optIn: z.boolean(), acknowledgedWarning: z.literal(true) }), done),
  },
  player: {
    togglePlay: call(none, done),
    next: call(none, done),
    previous: call(none, done),
    seek: call(z.object({ positionMs: z.number().int().nonnegative().max(24 * 3600 * 1000) }), done),
    setVolume: call(z.object({ percent: z.number().int().min(0).max(100) }), done),
    setShuffle: call(z.object({ on: z.boolean() }), done),
    cycleRepeat: call(none, done),
    setLiked: call(z.object({ liked: z.boolean() }), done),
    transfer: call(z.object({ deviceId: z.string().min(1).max(200), play: z.boolean().optional() }), done),
    listDevices: call(none, z.array(DeviceSchema)),
    /** The user pressed "Try again" / "Retry now": look once now (lifts a quota or app-refused pause; Retry-After still holds). */
    retryNow: call(none, done),
  },
  settings: {
    /** Any section, any subset of its fields; main validates, stores and applies it, then pushes the state. */
    update: call(PreferencesPatchSchema, done),
    resetHotkeys: call(none, done),
    /** macOS: shows the system's Accessibility prompt (media keys need it); the hotkey reports follow. */
    requestAccessibility: call(none, done),
  },
  window: {
    showMain: command(none),
    toggleMini: command(none),
    hideMini: command(none),
  },
} as const;

export type Contract = typeof contract;
/** The renderer's API type, derived from the contract. */
export type TrayplayApi = ClientApi<Contract>;
