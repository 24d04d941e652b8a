import type { ReactElement } from 'react';

import type { TrayplayApi } from '../../shared/contract';
import type { AppState } from '../../shared/state/app-state';
import type { Connection } from '../bridge/connection';
import { ErrorBanner } from '../components/common/error-banner';
import { CloseIcon, ExpandIcon } from '../components/common/icons';
import { Marquee } from '../components/common/marquee';
import { AlbumArt } from '../components/now-playing/album-art';
import { LikeButton } from '../components/now-playing/like-button';
import { PlaybackNotice } from '../components/now-playing/playback-notice';
import { PlayerShortcuts } from '../components/now-playing/player-shortcuts';
import { ProgressBar } from '../components/now-playing/progress-bar';
import { TransportControls } from '../components/now-playing/transport-controls';
import { controlStates, nowPlayingView } from '../format/now-playing-view';
import { ApiContext } from '../hooks/api-context';
import { useAppState } from '../hooks/use-app-state';
import { CommandContext, useCommandRunner } from '../hooks/use-command-runner';
import { useConnectionStatus } from '../hooks/use-connection-status';
import { alwaysOpen } from '../bridge/connection';

interface MiniAppProps {
  readonly api: TrayplayApi;
  readonly connection?: Connection;
}

/** The always-on-top mini-player: art, title, progress and the main controls. Dragged by its background. */
export function MiniApp({ api, connection }: MiniAppProps): ReactElement {
  const state = useAppState(api, connection);
  const runner = useCommandRunner(api);
  const status = useConnectionStatus(connection ?? alwaysOpen);

  return (
    <ApiContext value={api}>
      <CommandContext value={runner}>
        <div className="mini" data-testid="mini-player">
          {state === null ? (
            <div className="mini__loading" role="status" data-testid="loading">
              Connecting to Trayplay…
            </div>
          ) : (
            <MiniPlayer state={state} />
          )}
          <div className="mini__window-buttons">
            <button
              type="button"
              className="icon-button icon-button--tiny"
              aria-label="Open Trayplay"
              title="Open Trayplay"
              data-testid="open-main"
              onClick={() => api.window.showMain()}
            >
              <ExpandIcon size={12} />
            </button>
            <button
              type="button"
              className="icon-button icon-button--tiny"
              aria-label="Hide mini-player"
              title="Hide mini-player"
              data-testid="close-mini"
              onClick={() => api.window.hideMini()}
            >
              <CloseIcon size={12} />
            </button>
          </div>
          {status === 'reconnecting' ? (
            <div className="mini__overlay" role="status" data-testid="connection-notice">
              Reconnecting…
            </div>
          ) : null}
          <ErrorBanner compact />
        </div>
      </CommandContext>
    </ApiContext>
  );
}

function MiniPlayer({ state }: { readonly state: AppState }): ReactElement {
  const view = nowPlayingView(state.playback.nowPlaying);
  const controls = controlStates(state.playback);
  return (
    <>
      <PlayerShortcuts playback={state.playback} />
      <AlbumArt view={view} size="small" />
      <div className="mini__body">
        <div className="mini__text">
          <Marquee className="mini__title" testId="now-playing-title" timing="now-playing-title" text={view.title} />
          <Marquee className="mini__artist" testId="now-playing-artist" text={view.subtitle} />
          {state.playback.notice === null ? null : <PlaybackNotice notice={state.playback.notice} compact />}
        </div>
        <ProgressBar progress={view.progress} seek={controls.seek} compact />
        <div className="mini__controls">
          <TransportControls isPlaying={view.isPlaying} controls={controls} size="small" />
          <LikeButton liked={view.liked} state={controls.like} size={16} />
        </div>
      </div>
    </>
  );
}
