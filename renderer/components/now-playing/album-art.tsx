import { useState, type ReactElement } from 'react';

import type { NowPlayingView } from '../../format/now-playing-view';
import { MicIcon, NoteIcon } from '../common/icons';

interface AlbumArtProps {
  readonly view: NowPlayingView;
  readonly size: 'large' | 'small' | 'fill';
}

/** The cover, or a neat placeholder for local files, ads and idle (and when the image fails to load). */
export function AlbumArt({ view, size }: AlbumArtProps): ReactElement {
  return <ArtImage key={view.artUrl ?? 'none'} view={view} size={size} />;
}

function ArtImage({ view, size }: AlbumArtProps): ReactElement {
  const [failed, setFailed] = useState(false);
  const className = `album-art album-art--${size}`;
  if (view.artUrl !== null && !failed) {
    return (
      <img
        className={className}
        src={view.artUrl}
        alt={view.artLabel}
        data-testid="album-art"
        draggable={false}
        onError={() => setFailed(true)}
      />
    );
  }
  const episode = view.detail === 'Podcast episode';
  return (
    <div
      className={`${className} album-art--placeholder album-art--${view.kind}`}
      role="img"
      aria-label={view.artLabel}
      data-testid="album-art-placeholder"
    >
      {episode ? <MicIcon size={size === 'small' ? 28 : 56} /> : <NoteIcon size={size === 'small' ? 28 : 56} />}
    </div>
  );
}
