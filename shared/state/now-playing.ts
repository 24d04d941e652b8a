import { z } from 'zod';

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
  z.object({
    kind: z.literal('unavailable'),
    reason: z.enum(['signedOut', 'loading', 'rateLimited', 'quotaExceeded', 'offline', 'error']),
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

export const PlaybackStateSchema = z.object({
  nowPlaying: NowPlayingSchema,
  controls: ControlsSchema,
});
export type PlaybackState = z.infer<typeof PlaybackStateSchema>;
