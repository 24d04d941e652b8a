import { z } from 'zod';

/** Error codes that cross the contract. Domain codes come from auth and playback; the rest from the transport. */
export const ErrorCodeSchema = z.enum([
  // transport and contract
  'invalid_payload',
  'invalid_reply',
  'unknown_channel',
  'forbidden_sender',
  'transport',
  'internal',
  // auth
  'not_signed_in',
  'invalid_client_id',
  'auth_in_progress',
  'auth_cancelled',
  'auth_failed',
  'auth_timeout',
  'storage_unavailable',
  // playback
  'premium_required',
  'no_active_device',
  'volume_not_controllable',
  'restricted',
  'rate_limited',
  'quota_exceeded',
  'unauthorized',
  'network',
  'server',
  'timeout',
  'not_found',
  'read_only',
  /** Spotify shuts the app out for this account (not in User Management, or the app owner lost Premium). */
  'app_not_authorized',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** A device the user can pick, attached to `no_active_device` errors. */
export const DeviceChoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
});

export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** When the caller may try again (rate limits), in ms since the epoch. */
  retryAt: z.number().optional(),
  /** Devices to choose from when there is no active one. */
  devices: z.array(DeviceChoiceSchema).optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err = { readonly ok: false; readonly error: AppError };
/** Replies across the contract are data, never thrown errors. */
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Err => ({
  ok: false,
  error: { code, message, ...extra },
});

/** The runtime schema of a reply carrying `value`. */
export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppErrorSchema }),
  ]);
