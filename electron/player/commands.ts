import type { Device, RepeatMode } from '../../shared/state/now-playing';
import type { PlayTarget } from '../spotify/spotify-uri';

/**
 * A command after the service resolved it to an explicit target (toggle → play or pause, cycle → a repeat
 * mode), so that replaying it over a newer observation means the same thing.
 */
export type PlayerCommand =
  | { readonly kind: 'play' }
  /** Start a Spotify URI (MPRIS OpenUri); it shares play/pause's lane, so the newest intent wins. */
  | { readonly kind: 'open'; readonly uri: string; readonly target: PlayTarget }
  | { readonly kind: 'pause' }
  | { readonly kind: 'next' }
  | { readonly kind: 'previous' }
  | { readonly kind: 'seek'; readonly positionMs: number }
  | { readonly kind: 'volume'; readonly percent: number }
  | { readonly kind: 'shuffle'; readonly on: boolean }
  | { readonly kind: 'repeat'; readonly mode: RepeatMode }
  | { readonly kind: 'like'; readonly uri: string; readonly liked: boolean }
  | { readonly kind: 'transfer'; readonly deviceId: string; readonly device: Device | null; readonly play?: boolean };

/** Commands in one lane run one at a time, in order; lanes run independently. */
export type CommandLane = 'playPause' | 'skip' | 'seek' | 'volume' | 'shuffle' | 'repeat' | 'like' | 'transfer';

export function laneOf(command: PlayerCommand): CommandLane {
  switch (command.kind) {
    case 'play':
    case 'open':
    case 'pause':
      return 'playPause';
    case 'next':
    case 'previous':
      return 'skip';
    case 'seek':
      return 'seek';
    case 'volume':
      return 'volume';
    case 'shuffle':
      return 'shuffle';
    case 'repeat':
      return 'repeat';
    case 'like':
      return 'like';
    case 'transfer':
      return 'transfer';
  }
}

/** Player commands need Premium; liking goes through `/me/library`, which Free accounts may use. */
export function needsPremium(command: PlayerCommand): boolean {
  return command.kind !== 'like';
}

export const NEXT_REPEAT: Readonly<Record<RepeatMode, RepeatMode>> = { off: 'context', context: 'track', track: 'off' };
