import type { PlaybackState } from '../../shared/state/now-playing';

export interface MprisCapabilities {
  readonly canControl: boolean;
  readonly canPlay: boolean;
  readonly canPause: boolean;
  readonly canGoNext: boolean;
  readonly canGoPrevious: boolean;
  readonly canSeek: boolean;
  readonly canShuffle: boolean;
  readonly canRepeat: boolean;
  readonly canSetVolume: boolean;
}

/**
 * The Can* flags by the rules the tray menu uses (electron/tray/tray-menu.ts): nothing while read-only,
 * Spotify's disallows for an item or a private session, an ad can be paused or resumed but not skipped.
 */
export function mprisCapabilities(playback: PlaybackState): MprisCapabilities {
  const { nowPlaying, controls } = playback;
  const withDisallows = nowPlaying.kind === 'item' || nowPlaying.kind === 'private' ? nowPlaying : null;
  const can = (action: 'pause' | 'resume' | 'next' | 'previous' | 'seek' | 'shuffle' | 'repeat' | 'volume'): boolean => {
    if (controls.readOnly) return false;
    if (withDisallows) return !withDisallows.disallows.includes(action);
    return nowPlaying.kind === 'ad' && (action === 'pause' || action === 'resume');
  };
  const item = nowPlaying.kind === 'item' ? nowPlaying : null;
  const device = withDisallows?.device ?? null;
  return {
    canControl: !controls.readOnly,
    canPlay: can('resume'),
    canPause: can('pause'),
    canGoNext: can('next'),
    canGoPrevious: can('previous'),
    // Seeking needs a position to seek in: an item with a length (a private session shares none).
    canSeek: item !== null && item.item.durationMs > 0 && can('seek'),
    canShuffle: item !== null && can('shuffle'),
    canRepeat: item !== null && can('repeat'),
    canSetVolume: device !== null && device.supportsVolume && can('volume'),
  };
}
