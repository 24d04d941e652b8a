import type { ReactElement } from 'react';

import type { PlaybackState } from '../../../shared/state/now-playing';
import { playbackActions } from '../../format/error-view';
import { controlStates, nowPlayingView } from '../../format/now-playing-view';
import { useConnected } from '../../hooks/window-context';
import { FixActionButton } from '../common/fix-action';

import { AlbumArt } from './album-art';
import { LikeButton } from './like-button';
import { ModeControls } from './mode-controls';
import { PlaybackNotice } from './playback-notice';
import { ProgressBar } from './progress-bar';
import { RetryCountdown } from './retry-countdown';
import { TransportControls } from './transport-controls';
import { VolumeControl } from './volume-control';

/** The main window's player: what is playing, where, every control, and the fixing action of any problem. */
export function NowPlayingPanel({ playback }: { readonly playback: PlaybackState }): ReactElement {
  const view = nowPlayingView(playback.nowPlaying);
  const controls = controlStates(playback, useConnected());
  const fixes = playbackActions(playback.nowPlaying, playback.notice);
  return (
    <section className="now-playing" aria-label="Now playing" data-testid="now-playing" data-kind={view.kind}>
      <div className="now-playing__top">
        <AlbumArt view={view} size="large" />
        <div className="now-playing__meta">
          <h1 className="now-playing__title" data-testid="now-playing-title" title={view.title} elementtiming="now-playing-title">
            {view.title}
          </h1>
          <p className="now-playing__artist" data-testid="now-playing-artist" title={view.subtitle}>
            {view.subtitle}
          </p>
          {view.detail === null ? null : (
            <p className="now-playing__album" data-testid="now-playing-album" title={view.detail}>
              {view.detail}
            </p>
          )}
          {view.device === null ? null : (
            <p className="now-playing__device" data-testid="now-playing-device">
              {view.isPlaying ? 'Playing on ' : 'Paused on '}
              <strong>{view.device.name}</strong>
            </p>
          )}
          {view.retryAt === null ? null : <RetryCountdown retryAt={view.retryAt} />}
          {playback.notice === null ? null : <PlaybackNotice notice={playback.notice} />}
          {fixes.length === 0 ? null : (
            <div className="now-playing__fix" data-testid="now-playing-fix">
              {fixes.map((fix, index) => (
                // The first is the main action; a dashboard link beside it needs no checklist: main's message says what to check.
                <FixActionButton key={fix.kind} action={fix} compact={index > 0} />
              ))}
            </div>
          )}
        </div>
      </div>
      {playback.controls.readOnly ? (
        <p className="notice notice--warning" data-testid="read-only-notice">
          {playback.controls.readOnlyReason ?? 'Controls need Spotify Premium.'}
        </p>
      ) : null}
      <ProgressBar progress={view.progress} seek={controls.seek} />
      <div className="now-playing__controls">
        <ModeControls shuffle={view.shuffle} repeat={view.repeat} controls={controls} />
        <TransportControls isPlaying={view.isPlaying} controls={controls} />
        <LikeButton liked={view.liked} state={controls.like} size={20} />
      </div>
      {view.device === null ? null : (
        // Read-only mode says why once, above; the volume line would only repeat it.
        <VolumeControl device={view.device} state={controls.volume} showReason={!playback.controls.readOnly} />
      )}
    </section>
  );
}
