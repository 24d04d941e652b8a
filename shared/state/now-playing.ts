import { z } from 'zod';

import { ErrorCodeSchema } from '../result';

export const RepeatModeSchema = z.enum(['off', 'context', 'track']);
export type RepeatMode = z.infer<typeof RepeatModeSchema>;

export const DeviceSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
  type: z.string(),
  isActive: z.boolean(),
  isRestricted: z.boolean(),
  isPrivateSession: z.boolean(),
  supportsVolume: z.boolean(),
  volumePercent: z.number().int().min(0).max(100).nullable(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const TrackItemSchema = z.object({
  type: z.literal('track'),
  uri: z.string(),
  name: z.string(),
  artists: z.array(z.string()),
  album: z.string(),
  artUrl: z.string().nullable(),
  durationMs: z.number().nonnegative(),
  isLocal: z.boolean(),
});
export const EpisodeItemSchema = z.object({
  type: z.literal('episode'),
  uri: z.string(),
  name: z.string(),
  show: z.string(),
  artUrl: z.string().nullable(),
  durationMs: z.number().nonnegative(),
});
export const PlayableItemSchema = z.discriminatedUnion('type', [TrackItemSchema, EpisodeItemSchema]);
export type PlayableItem = z.infer<typeof PlayableItemSchema>;

/** Actions Spotify says are not possible right now (`actions.disallows`), in our names. */
export const PlayerActionSchema = z.enum([
  'pause',
  'resume',
  'seek',
  'next',
  'previous',
  'shuffle',
  'repeat',
  'volume',
  'transfer',
]);
export type PlayerAction = z.infer<typeof PlayerActionSchema>;

/**
 * What is playing. Progress is an observation (`progressMs` at `observedAt`): whoever displays it
 * interpolates, so main does not push every second.
 */
export const NowPlayingSchema = z.discriminatedUnion('kind', [
  /** Nothing is playing anywhere (Spotify answered 204). */
  z.object({ kind: z.literal('idle') }),
  z.object({
    kind: z.literal('item'),
    item: PlayableItemSchema,
    isPlaying: z.boolean(),
    progressMs: z.number().nonnegative(),
    observedAt: z.number(),
    shuffle: z.boolean(),
    repeat: RepeatModeSchema,
    device: DeviceSchema,
    /** Null when unknown (episodes, local files, or not checked yet). */
    liked: z.boolean().nullable(),
    disallows: z.array(PlayerActionSchema),
  }),
  z.object({
    kind: z.literal('ad'),
    isPlaying: z.boolean(),
    progressMs: z.number().nonnegative(),
    observedAt: z.number(),
    device: DeviceSchema.nullable(),
  }),
  /**
   * The active device is in a private session: Spotify shares no item, only the device, whether it plays
   * and what it disallows, so transport controls can still work.
   */
  z.object({
    kind: z.literal('private'),
    device: DeviceSchema,
    isPlaying: z.boolean(),
    disallows: z.array(PlayerActionSchema),
  }),
  z.object({
    kind: z.literal('unavailable'),
    reason: z.enum(['signedOut', 'loading', 'rateLimited', 'quotaExceeded', 'offline', 'error']),
    /** The error behind an `error` state, when there is one: windows take its fixing action from it (e.g. `app_not_authorized`: the dashboard). */
    code: ErrorCodeSchema.optional(),
    message: z.string(),
    /** When the app will look again, if it knows. */
    retryAt: z.number().nullable(),
  }),
]);
export type NowPlaying = z.infer<typeof NowPlayingSchema>;

/** Whether controls work, and why not. */
export const ControlsSchema = z.object({
  readOnly: z.boolean(),
  readOnlyReason: z.string().nullable(),
});
export type Controls = z.infer<typeof ControlsSchema>;

/**
 * Why the shown now-playing may be out of date while Spotify pushes back (the last known state keeps
 * showing). `message` is plain words without a countdown: displays count down to `retryAt` themselves.
 */
export const PlaybackNoticeSchema = z.object({
  kind: z.enum(['rateLimited', 'quotaExceeded', 'offline', 'stale']),
  message: z.string(),
  /** When the app will look again, if it knows. */
  retryAt: z.number().nullable(),
});
export type PlaybackNotice = z.infer<typeof PlaybackNoticeSchema>;

export const PlaybackStateSchema = z.object({
  nowPlaying: NowPlayingSchema,
  controls: ControlsSchema,
  /** Null when all is well (and while `nowPlaying` is itself `unavailable`, which says it all). */
  notice: PlaybackNoticeSchema.nullable(),
});
export type PlaybackState = z.infer<typeof PlaybackStateSchema>;
