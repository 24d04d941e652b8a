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
export type Err<E = AppError> = { readonly ok: false; readonly error: E };
/**
 * The one shape of every fallible call, inside the core and across the contract: errors are data, never
 * thrown. `E` defaults to the contract's `AppError`; internal layers use their own error unions.
 */
export type Result<T, E = AppError> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
/** A contract error (`AppError`) from its code and message. */
export const err = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Err => ({
  ok: false,
  error: { code, message, ...extra },
});
/** A failure carrying any error value (internal layers: token endpoint, vault, receivers). */
export const fail = <E>(error: E): Err<E> => ({ ok: false, error });

/** The runtime schema of a reply carrying `value`. */
export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppErrorSchema }),
  ]);
