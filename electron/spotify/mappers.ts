import type { DeviceChoiceSchema } from '../../shared/result';
import type { Device, NowPlaying, PlayableItem, PlayerAction, RepeatMode } from '../../shared/state/now-playing';
import type { z } from 'zod';

import type { ApiDevice, ApiEpisode, ApiImage, ApiPlaybackState, ApiTrack } from './schemas';

export type DeviceChoice = z.infer<typeof DeviceChoiceSchema>;

/** Spotify's `actions.disallows` keys, in our action names. */
const DISALLOW_KEYS: Readonly<Record<string, PlayerAction>> = {
  pausing: 'pause',
  resuming: 'resume',
  seeking: 'seek',
  skipping_next: 'next',
  skipping_prev: 'previous',
  toggling_shuffle: 'shuffle',
  toggling_repeat_context: 'repeat',
  toggling_repeat_track: 'repeat',
  transferring_playback: 'transfer',
};

/** Art around 300 px suits the tray popup and the mini player; Spotify lists the widest first. */
const ART_TARGET_PX = 300;

export function pickArt(images: readonly ApiImage[] | null | undefined): string | null {
  if (!images || images.length === 0) return null;
  const sized = images.filter((image) => typeof image.width === 'number');
  if (sized.length === 0) return images[0]?.url ?? null;
  const width = (image: ApiImage): number => image.width ?? 0;
  const bigEnough = sized.filter((image) => width(image) >= ART_TARGET_PX);
  // The smallest image that is big enough, else the biggest there is.
  const best =
    bigEnough.length > 0
      ? bigEnough.reduce((a, b) => (width(a) <= width(b) ? a : b))
      : sized.reduce((a, b) => (width(a) >= width(b) ? a : b));
  return best.url;
}

export function toDevice(device: ApiDevice): Device {
  const volume = typeof device.volume_percent === 'number' ? Math.min(100, Math.max(0, Math.round(device.volume_percent))) : null;
  return {
    id: device.id ?? null,
    name: device.name ?? 'Unknown device',
    type: device.type ?? 'Unknown',
    isActive: device.is_active ?? false,
    isRestricted: device.is_restricted ?? false,
    isPrivateSession: device.is_private_session ?? false,
    // Older answers lack `supports_volume`; a known volume means it can be read, and Spotify says it can be set.
    supportsVolume: device.supports_volume ?? volume !== null,
    volumePercent: volume,
  };
}

/** Devices a user can pick (restricted ones accept no Web API commands; id-less ones cannot be targeted). */
export function toDeviceChoices(devices: readonly Device[]): DeviceChoice[] {
  return devices
    .filter((d): d is Device & { id: string } => d.id !== null && !d.isRestricted)
    .map((d) => ({ id: d.id, name: d.name, type: d.type }));
}

const UNKNOWN_DEVICE: Device = {
  id: null,
  name: 'Unknown device',
  type: 'Unknown',
  isActive: true,
  isRestricted: false,
  isPrivateSession: false,
  supportsVolume: false,
  volumePercent: null,
};

function toRepeat(value: string | null | undefined): RepeatMode {
  return value === 'track' || value === 'context' ? value : 'off';
}

function toTrack(track: ApiTrack): PlayableItem {
  const isLocal = track.is_local ?? track.uri?.startsWith('spotify:local:') ?? false;
  const artists = (track.artists ?? []).map((a) => a.name ?? '').filter((name) => name !== '');
  return {
    type: 'track',
    uri: track.uri ?? '',
    name: track.name ?? (isLocal ? 'Local file' : 'Unknown track'),
    artists,
    album: track.album?.name ?? '',
    // Local files have no Spotify art.
    artUrl: isLocal ? null : pickArt(track.album?.images),
    durationMs: Math.max(0, track.duration_ms ?? 0),
    isLocal,
  };
}

function toEpisode(episode: ApiEpisode): PlayableItem {
  return {
    type: 'episode',
    uri: episode.uri ?? '',
    name: episode.name ?? 'Unknown episode',
    show: episode.show?.name ?? episode.show?.publisher ?? '',
    artUrl: pickArt(episode.images) ?? pickArt(episode.show?.images),
    durationMs: Math.max(0, episode.duration_ms ?? 0),
  };
}

function toDisallows(state: ApiPlaybackState, device: Device): PlayerAction[] {
  const out = new Set<PlayerAction>();
  for (const [key, value] of Object.entries(state.actions?.disallows ?? {})) {
    const action = DISALLOW_KEYS[key];
    if (action && value === true) out.add(action);
  }
  if (!device.supportsVolume) out.add('volume');
  if (device.isRestricted) for (const action of Object.values(DISALLOW_KEYS)) out.add(action);
  return [...out].sort();
}

/**
 * Spotify's playback state (or null for 204) → what Trayplay shows. `liked` comes from the liked cache
 * (null for episodes, local files and unknown). Never fails: odd answers degrade to fewer details, not blanks.
 */
export function toNowPlaying(state: ApiPlaybackState | null, observedAt: number, liked: boolean | null): NowPlaying {
  if (state === null) return { kind: 'idle' };
  const device = state.device ? toDevice(state.device) : null;
  const progressMs = Math.max(0, state.progress_ms ?? 0);
  const isPlaying = state.is_playing ?? false;
  if (state.currently_playing_type === 'ad') return { kind: 'ad', isPlaying, progressMs, observedAt, device };
  const apiItem = state.item;
  if (!apiItem) {
    // A private session hides the item but the device still takes commands: keep what Spotify does share.
    if (device?.isPrivateSession) return { kind: 'private', device, isPlaying, disallows: toDisallows(state, device) };
    // A type we do not show (audiobook chapter): say so, rather than claim nothing is playing or blank out.
    const where = device ? ` on ${device.name}` : '';
    return { kind: 'unavailable', reason: 'error', message: `Playing something Trayplay cannot show${where}.`, retryAt: null };
  }
  const item = apiItem.type === 'track' ? toTrack(apiItem) : toEpisode(apiItem);
  const shownDevice = device ?? UNKNOWN_DEVICE;
  const likedKnown = item.type === 'track' && !item.isLocal ? liked : null;
  return {
    kind: 'item',
    item,
    isPlaying,
    progressMs: item.durationMs > 0 ? Math.min(progressMs, item.durationMs) : progressMs,
    observedAt,
    shuffle: state.shuffle_state ?? false,
    repeat: toRepeat(state.repeat_state),
    device: shownDevice,
    liked: likedKnown,
    disallows: toDisallows(state, shownDevice),
  };
}

/** The URI whose liked status matters, or null when liking does not apply (episodes, local files, ads). */
export function likeableUri(nowPlaying: NowPlaying): string | null {
  if (nowPlaying.kind !== 'item') return null;
  const { item } = nowPlaying;
  return item.type === 'track' && !item.isLocal && item.uri.startsWith('spotify:track:') ? item.uri : null;
}

/** Progress as a display would show it at `now`, interpolated from the observation. */
export function progressAt(nowPlaying: NowPlaying, now: number): number | null {
  switch (nowPlaying.kind) {
    case 'item': {
      const raw = nowPlaying.progressMs + (nowPlaying.isPlaying ? Math.max(0, now - nowPlaying.observedAt) : 0);
      return nowPlaying.item.durationMs > 0 ? Math.min(raw, nowPlaying.item.durationMs) : raw;
    }
    case 'ad':
      return nowPlaying.progressMs + (nowPlaying.isPlaying ? Math.max(0, now - nowPlaying.observedAt) : 0);
    case 'idle':
    case 'private':
    case 'unavailable':
      return null;
  }
}
