import { z } from 'zod';

// Loose schemas for the Web API responses we read. Spotify varies (dev-mode field removals, nulls for local
// files, ads with no item), so every field we do not strictly need is optional or nullable, unknown keys pass
// through, and a bad image or artist never rejects the whole state.

const ImageSchema = z.looseObject({
  url: z.string(),
  width: z.number().nullish(),
  height: z.number().nullish(),
});
export type ApiImage = z.infer<typeof ImageSchema>;

/** Images of items we read; a malformed list is treated as no images rather than a failed poll. */
const ImagesSchema = z.array(ImageSchema).nullish().catch(null);

export const ApiDeviceSchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string().nullish(),
  type: z.string().nullish(),
  is_active: z.boolean().nullish(),
  is_private_session: z.boolean().nullish(),
  is_restricted: z.boolean().nullish(),
  volume_percent: z.number().nullish(),
  supports_volume: z.boolean().nullish(),
});
export type ApiDevice = z.infer<typeof ApiDeviceSchema>;

export const ApiDevicesSchema = z.looseObject({
  devices: z.array(ApiDeviceSchema).catch([]),
});

const ArtistRefSchema = z.looseObject({ name: z.string().nullish() });

export const ApiTrackSchema = z.looseObject({
  type: z.literal('track'),
  uri: z.string().nullish(),
  name: z.string().nullish(),
  duration_ms: z.number().nullish(),
  is_local: z.boolean().nullish(),
  artists: z.array(ArtistRefSchema).nullish().catch(null),
  album: z
    .looseObject({ name: z.string().nullish(), images: ImagesSchema })
    .nullish()
    .catch(null),
});
export type ApiTrack = z.infer<typeof ApiTrackSchema>;

export const ApiEpisodeSchema = z.looseObject({
  type: z.literal('episode'),
  uri: z.string().nullish(),
  name: z.string().nullish(),
  duration_ms: z.number().nullish(),
  images: ImagesSchema,
  show: z
    .looseObject({ name: z.string().nullish(), publisher: z.string().nullish(), images: ImagesSchema })
    .nullish()
    .catch(null),
});
export type ApiEpisode = z.infer<typeof ApiEpisodeSchema>;

/** An item of a type we do not know (audiobook chapters, future types) reads as no item, not as an error. */
const ItemSchema = z.union([ApiTrackSchema, ApiEpisodeSchema]).nullish().catch(null);

export const ApiPlaybackStateSchema = z.looseObject({
  device: ApiDeviceSchema.nullish().catch(null),
  repeat_state: z.string().nullish(),
  shuffle_state: z.boolean().nullish(),
  timestamp: z.number().nullish(),
  progress_ms: z.number().nullish(),
  is_playing: z.boolean().nullish(),
  currently_playing_type: z.string().nullish(),
  item: ItemSchema,
  actions: z
    .looseObject({ disallows: z.record(z.string(), z.boolean().nullish()).nullish().catch(null) })
    .nullish()
    .catch(null),
});
export type ApiPlaybackState = z.infer<typeof ApiPlaybackStateSchema>;

/** `GET /me/library/contains` answers one boolean per URI. */
export const ApiContainsSchema = z.array(z.boolean());

/** Spotify's error object; the `/me/library` 400 body is this object unwrapped. */
export const ApiErrorObjectSchema = z.looseObject({
  status: z.number().nullish(),
  message: z.string().nullish(),
  reason: z.string().nullish(),
});

/** `{"error":{status,message,reason?}}`. */
export const ApiErrorBodySchema = z.looseObject({ error: ApiErrorObjectSchema });
