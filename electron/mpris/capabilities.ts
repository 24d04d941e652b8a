import type { PlaybackState } from '../../shared/state/now-playing';

export interface MprisCapabilities {
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
 * Spotify's disallows for an item or a private session, an ad can be paused or resumed but not skipped —
 * with one difference for play/pause, explained below.
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
  const hasTrack = withDisallows !== null || nowPlaying.kind === 'ad';
  const transportLocked = withDisallows !== null && withDisallows.disallows.includes('pause') && withDisallows.disallows.includes('resume');
  return {
    // MPRIS: CanPlay/CanPause describe the track, not the moment. Spotify disallows "resume" while playing and
    // "pause" while paused — the no-op press — and right after a press the optimistic state is flipped while
    // the disallows are still the old state's. So, unlike the tray's one toggle, only both disallowed (a
    // restricted device) turns them off; otherwise playerctl would hide our metadata (it skips CanPlay=false)
    // and widgets would grey out Play for the moment after Pause.
    canPlay: hasTrack && !controls.readOnly && !transportLocked,
    canPause: hasTrack && !controls.readOnly && !transportLocked,
    canGoNext: can('next'),
    canGoPrevious: can('previous'),
    // Seeking needs a position to seek in: an item with a length (a private session shares none).
    canSeek: item !== null && item.item.durationMs > 0 && can('seek'),
    canShuffle: item !== null && can('shuffle'),
    canRepeat: item !== null && can('repeat'),
    canSetVolume: device !== null && device.supportsVolume && can('volume'),
  };
}
