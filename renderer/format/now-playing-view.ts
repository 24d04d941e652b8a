import { assertNever } from '../../shared/assert-never';
import type { Device, NowPlaying, PlaybackState, PlayerAction, RepeatMode } from '../../shared/state/now-playing';

import { errorStateTitle } from './error-view';
import type { ProgressObservation } from './progress';

/** What the now-playing panel and the mini-player show, whatever the state. Never blank. */
export interface NowPlayingView {
  readonly kind: NowPlaying['kind'];
  readonly title: string;
  /** Artists of a track, the show of an episode, or a hint. */
  readonly subtitle: string;
  /** Album of a track; null otherwise. */
  readonly detail: string | null;
  readonly artUrl: string | null;
  readonly artLabel: string;
  readonly isPlaying: boolean;
  /** Null when there is no position to show. */
  readonly progress: ProgressObservation | null;
  readonly device: Device | null;
  readonly shuffle: boolean;
  readonly repeat: RepeatMode;
  readonly liked: boolean | null;
  /** When main will look again (unavailable states only). */
  readonly retryAt: number | null;
}

const UNAVAILABLE_TITLES = {
  signedOut: 'Not signed in',
  loading: 'Loading…',
  rateLimited: 'Spotify asked Trayplay to slow down',
  quotaExceeded: 'This app’s Spotify quota is used up',
  offline: 'You’re offline',
  error: 'Can’t reach Spotify',
} as const;

const UNAVAILABLE_HINTS = {
  signedOut: 'Sign in on the Account section to see what’s playing.',
  loading: 'Asking Spotify what’s playing.',
  rateLimited: 'Playback info will be back shortly.',
  quotaExceeded: 'Try again later, or use your own Client ID.',
  offline: 'Check your connection; Trayplay keeps trying.',
  error: 'Trayplay keeps trying.',
} as const;

const PRIVATE_HINT = 'Spotify doesn’t share what’s playing in a private session';

const base = {
  detail: null,
  artUrl: null,
  isPlaying: false,
  progress: null,
  device: null,
  shuffle: false,
  repeat: 'off',
  liked: null,
  retryAt: null,
} as const;

export function nowPlayingView(nowPlaying: NowPlaying): NowPlayingView {
  switch (nowPlaying.kind) {
    case 'idle':
      return {
        ...base,
        kind: 'idle',
        title: 'Nothing playing',
        subtitle: 'Start Spotify on any device',
        artLabel: 'Nothing playing',
      };
    case 'ad':
      return {
        ...base,
        kind: 'ad',
        title: 'Advertisement',
        subtitle: nowPlaying.device ? `On ${nowPlaying.device.name}` : 'Spotify is playing an ad',
        artLabel: 'Advertisement',
        isPlaying: nowPlaying.isPlaying,
        progress: {
          progressMs: nowPlaying.progressMs,
          observedAt: nowPlaying.observedAt,
          isPlaying: nowPlaying.isPlaying,
          durationMs: null,
        },
        device: nowPlaying.device,
      };
    case 'private':
      return {
        ...base,
        kind: 'private',
        title: `Private session on ${nowPlaying.device.name}`,
        subtitle: PRIVATE_HINT,
        artLabel: 'Private session',
        isPlaying: nowPlaying.isPlaying,
        device: nowPlaying.device,
      };
    case 'unavailable': {
      const message = nowPlaying.message.trim();
      const title = errorStateTitle(nowPlaying) ?? UNAVAILABLE_TITLES[nowPlaying.reason];
      return {
        ...base,
        kind: 'unavailable',
        title,
        subtitle: message.length > 0 ? message : UNAVAILABLE_HINTS[nowPlaying.reason],
        artLabel: title,
        retryAt: nowPlaying.retryAt,
      };
    }
    case 'item': {
      const { item } = nowPlaying;
      const common = {
        ...base,
        kind: 'item' as const,
        title: item.name.trim() || 'Untitled',
        artUrl: item.artUrl,
        isPlaying: nowPlaying.isPlaying,
        progress: {
          progressMs: nowPlaying.progressMs,
          observedAt: nowPlaying.observedAt,
          isPlaying: nowPlaying.isPlaying,
          durationMs: item.durationMs,
        },
        device: nowPlaying.device,
        shuffle: nowPlaying.shuffle,
        repeat: nowPlaying.repeat,
        liked: nowPlaying.liked,
      };
      switch (item.type) {
        case 'track':
          return {
            ...common,
            subtitle: item.artists.length > 0 ? item.artists.join(', ') : 'Unknown artist',
            detail: item.album.trim() || (item.isLocal ? 'Local file' : null),
            artLabel: item.album.trim() ? `Cover of ${item.album}` : `Cover of ${common.title}`,
          };
        case 'episode':
          return {
            ...common,
            subtitle: item.show.trim() || 'Podcast',
            detail: 'Podcast episode',
            artLabel: `Cover of ${item.show}`,
          };
        default:
          return assertNever(item, 'item type');
      }
    }
    default:
      return assertNever(nowPlaying, 'now-playing kind');
  }
}

export const RECONNECTING_REASON = 'Reconnecting to Trayplay…';

/** Every control the player panel offers. */
export type ControlName = 'playPause' | 'previous' | 'next' | 'seek' | 'shuffle' | 'repeat' | 'like' | 'volume';

export interface ControlState {
  readonly enabled: boolean;
  /** Why it is disabled (the tooltip), null when enabled. */
  readonly reason: string | null;
}

export type ControlStates = Readonly<Record<ControlName, ControlState>>;

const ALL: readonly ControlName[] = ['playPause', 'previous', 'next', 'seek', 'shuffle', 'repeat', 'like', 'volume'];

const on: ControlState = { enabled: true, reason: null };
const off = (reason: string): ControlState => ({ enabled: false, reason });

const fill = (pick: (name: ControlName) => ControlState): ControlStates =>
  Object.fromEntries(ALL.map((name) => [name, pick(name)])) as Record<ControlName, ControlState>;

/** Which controls work now and, for those that do not, why: read-only mode, Spotify's disallows, the device. */
export function controlStates(playback: PlaybackState, connected = true): ControlStates {
  const { nowPlaying, controls } = playback;
  // While the link to Trayplay is down nothing would arrive: say so rather than queue presses.
  if (!connected) return fill(() => off(RECONNECTING_REASON));
  if (controls.readOnly) {
    const reason = controls.readOnlyReason ?? 'Playback controls are not available';
    return fill(() => off(reason));
  }
  switch (nowPlaying.kind) {
    case 'idle':
      // Play stays available: main answers with the devices to pick from when none is active.
      return fill((name) => (name === 'playPause' ? on : off('Nothing is playing')));
    case 'unavailable': {
      const reason = nowPlaying.message.trim() || UNAVAILABLE_TITLES[nowPlaying.reason];
      return fill(() => off(reason));
    }
    case 'ad':
      return fill((name) => {
        if (name === 'playPause') return on;
        if (name === 'volume') return volumeState(nowPlaying.device, false);
        return off('Not available during an advertisement');
      });
    case 'private': {
      // Spotify hides the item, not the device: transport and volume still work as its disallows say.
      const allow = allowedBy(nowPlaying.disallows);
      return fill((name) => {
        switch (name) {
          case 'playPause':
            return allow(nowPlaying.isPlaying ? 'pause' : 'resume');
          case 'previous':
          case 'next':
            return allow(name);
          case 'volume':
            return volumeState(nowPlaying.device, nowPlaying.disallows.includes('volume'));
          case 'seek':
          case 'shuffle':
          case 'repeat':
          case 'like':
            return off(PRIVATE_HINT);
          default:
            return assertNever(name, 'control');
        }
      });
    }
    case 'item': {
      const allow = allowedBy(nowPlaying.disallows);
      return fill((name) => {
        switch (name) {
          case 'playPause':
            return allow(nowPlaying.isPlaying ? 'pause' : 'resume');
          case 'previous':
          case 'next':
          case 'seek':
          case 'shuffle':
          case 'repeat':
            return allow(name);
          case 'like':
            return nowPlaying.liked === null
              ? off(
                  nowPlaying.item.type === 'episode'
                    ? 'Episodes can’t be added to Liked Songs'
                    : nowPlaying.item.isLocal
                      ? 'Local files can’t be added to Liked Songs'
                      : 'Liked status isn’t known yet',
                )
              : on;
          case 'volume':
            return volumeState(nowPlaying.device, nowPlaying.disallows.includes('volume'));
          default:
            return assertNever(name, 'control');
        }
      });
    }
    default:
      return assertNever(nowPlaying, 'now-playing kind');
  }
}

/** The tooltip for each action Spotify can disallow (`actions.disallows`). */
const DISALLOWED_REASONS: Readonly<Record<PlayerAction, string>> = {
  pause: 'Spotify doesn’t allow pausing right now',
  resume: 'Spotify doesn’t allow resuming right now',
  seek: 'Spotify doesn’t allow seeking right now',
  next: 'Spotify doesn’t allow skipping right now',
  previous: 'Spotify doesn’t allow going back right now',
  shuffle: 'Spotify doesn’t allow changing shuffle right now',
  repeat: 'Spotify doesn’t allow changing repeat right now',
  volume: 'Spotify doesn’t allow changing the volume right now',
  transfer: 'Spotify doesn’t allow switching devices right now',
};

const allowedBy =
  (disallows: readonly PlayerAction[]) =>
  (action: PlayerAction): ControlState =>
    disallows.includes(action) ? off(DISALLOWED_REASONS[action]) : on;

function volumeState(device: Device | null, disallowed: boolean): ControlState {
  if (device === null) return off('No device is playing');
  if (!device.supportsVolume) return off(`${device.name} doesn’t allow volume control`);
  if (disallowed) return off(DISALLOWED_REASONS.volume);
  return on;
}

/** The next mode in Spotify's cycle, and how each is described. */
export const REPEAT_LABELS: Readonly<Record<RepeatMode, string>> = {
  off: 'Repeat is off',
  context: 'Repeating all',
  track: 'Repeating this track',
};
