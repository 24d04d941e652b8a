import { z } from 'zod';

export const RedirectModeSchema = z.enum(['protocol', 'loopback']);
export type RedirectMode = z.infer<typeof RedirectModeSchema>;

/** How the session's tokens are kept on this machine. */
export const PersistenceSchema = z.enum(['encrypted', 'memoryOnly', 'plaintextOptIn']);
export type Persistence = z.infer<typeof PersistenceSchema>;

/** The sign-in state pushed to the renderer. It never holds a token. */
export const AuthStateSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('signedOut'),
    /** Why the last attempt ended, shown once (e.g. "You cancelled the sign-in"). */
    notice: z.string().nullable(),
  }),
  z.object({ kind: z.literal('demo') }),
  z.object({
    kind: z.literal('authorizing'),
    redirectMode: RedirectModeSchema,
    startedAt: z.number(),
    /** The attempt is abandoned at this time. */
    expiresAt: z.number(),
  }),
  z.object({
    kind: z.literal('signedIn'),
    account: z.object({ id: z.string(), displayName: z.string() }),
    scopes: z.array(z.string()),
    /** Access-token expiry, ms since the epoch. */
    accessExpiresAt: z.number(),
    /** When Spotify will stop accepting the refresh token (6 months after sign-in). */
    refreshExpiresAt: z.number(),
    /** Within 7 days of `refreshExpiresAt`: offer to sign in again early. */
    renewSoon: z.boolean(),
    persistence: PersistenceSchema,
  }),
  z.object({
    kind: z.literal('sessionEnded'),
    reason: z.string(),
  }),
]);
export type AuthState = z.infer<typeof AuthStateSchema>;

/** Settings that shape sign-in, shown on the account page. */
export const AuthSettingsSchema = z.object({
  clientId: z.string().nullable(),
  /** Set at build time by a packager; used when the user has not entered one. */
  clientIdFromBuild: z.boolean(),
  redirectMode: RedirectModeSchema,
  /** The exact URIs to register in Spotify's dashboard. */
  redirectUris: z.object({ protocol: z.string(), loopback: z.string() }),
  /** False where the OS would not take the scheme (the app then uses loopback). */
  protocolAvailable: z.boolean(),
  protocolProblem: z.string().nullable(),
  /** Secure storage on this machine; `basic_text` on Linux is not secure. */
  storage: z.object({
    secure: z.boolean(),
    backend: z.string(),
    plaintextOptIn: z.boolean(),
  }),
});
export type AuthSettings = z.infer<typeof AuthSettingsSchema>;
