import { z } from 'zod';

/** One session's secrets and facts. Lives in main only: never logged, never sent to a window. */
export interface TokenSet {
  /** The Client ID the tokens were issued to; a different configured ID invalidates them. */
  readonly clientId: string;
  readonly accessToken: string;
  /** Absolute access-token expiry, ms since the epoch (never a relative delay: timers sleep). */
  readonly accessExpiresAt: number;
  readonly refreshToken: string;
  readonly scopes: readonly string[];
  /** When the user approved; the refresh token dies 6 months later whatever we do. */
  readonly authorizedAt: number;
  /** Filled from GET /me after sign-in; null until it answered. */
  readonly account: { readonly id: string; readonly displayName: string } | null;
}

export const TokenSetSchema = z.object({
  clientId: z.string().min(1).max(200),
  accessToken: z.string().min(1).max(4096),
  accessExpiresAt: z.number().int().nonnegative(),
  refreshToken: z.string().min(1).max(4096),
  scopes: z.array(z.string().max(200)).max(100),
  authorizedAt: z.number().int().nonnegative(),
  account: z.object({ id: z.string().max(500), displayName: z.string().max(500) }).nullable(),
});

/** Spotify ends refresh tokens 6 calendar months after the original authorization. */
export function refreshExpiresAt(authorizedAt: number): number {
  const date = new Date(authorizedAt);
  date.setUTCMonth(date.getUTCMonth() + 6);
  return date.getTime();
}

/** From 7 days before the refresh token's end, the app offers to sign in again. */
export const RENEW_WARNING_MS = 7 * 24 * 3600 * 1000;

export function renewSoon(tokens: Pick<TokenSet, 'authorizedAt'>, now: number): boolean {
  return now >= refreshExpiresAt(tokens.authorizedAt) - RENEW_WARNING_MS;
}
