import { useCallback } from 'react';

import type { PlaybackState } from '../../../shared/state/now-playing';
import { controlStates } from '../../format/now-playing-view';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { usePlayPauseShortcut } from '../../hooks/use-play-pause-shortcut';
import { useConnected } from '../../hooks/window-context';

/** Keyboard shortcuts of a player window (Space: play/pause). Renders nothing. */
export function PlayerShortcuts({ playback }: { readonly playback: PlaybackState }): null {
  const api = useApi();
  const { run } = useCommands();
  const toggle = useCallback(() => {
    void run('playPause', () => api.player.togglePlay());
  }, [api, run]);
  usePlayPauseShortcut(controlStates(playback, useConnected()).playPause.enabled, toggle);
  return null;
}
