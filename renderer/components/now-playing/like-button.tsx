import type { ReactElement } from 'react';

import type { ControlState } from '../../format/now-playing-view';
import { useApi } from '../../hooks/api-context';
import { useCommands } from '../../hooks/use-command-runner';
import { IconButton } from '../common/icon-button';
import { HeartIcon } from '../common/icons';

interface LikeButtonProps {
  readonly liked: boolean | null;
  readonly state: ControlState;
  readonly size?: number;
}

/** Adds the track to Liked Songs, or removes it. */
export function LikeButton({ liked, state, size = 18 }: LikeButtonProps): ReactElement {
  const api = useApi();
  const { run, busy } = useCommands();
  const isLiked = liked === true;
  return (
    <IconButton
      label={isLiked ? 'Remove from Liked Songs' : 'Save to Liked Songs'}
      className={`like-button${isLiked ? ' is-active' : ''}`}
      data-testid="like"
      aria-pressed={isLiked}
      state={state}
      busy={busy.has('like')}
      onClick={() => void run('like', () => api.player.setLiked({ liked: !isLiked }))}
    >
      <HeartIcon filled={isLiked} size={size} />
    </IconButton>
  );
}
