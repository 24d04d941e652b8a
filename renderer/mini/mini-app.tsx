import { lazy, Suspense, useCallback, useState, type ReactElement } from 'react';

import type { TrayplayApi } from '../../shared/contract';
import type { AppState } from '../../shared/state/app-state';
import type { MiniSizeMode } from '../../shared/state/preferences';
import { alwaysOpen, type Connection } from '../bridge/connection';
import { ErrorBanner } from '../components/common/error-banner';
import { FixActionButton } from '../components/common/fix-action';
import { Marquee } from '../components/common/marquee';
import { AlbumArt } from '../components/now-playing/album-art';
import { LikeButton } from '../components/now-playing/like-button';
import { ModeControls } from '../components/now-playing/mode-controls';
import { PlaybackNotice } from '../components/now-playing/playback-notice';
import { PlayerShortcuts } from '../components/now-playing/player-shortcuts';
import { ProgressBar } from '../components/now-playing/progress-bar';
import { TransportControls } from '../components/now-playing/transport-controls';
import { playbackActions } from '../format/error-view';
import { controlStates, nowPlayingView, type ControlStates, type NowPlayingView } from '../format/now-playing-view';
import { ApiContext } from '../hooks/api-context';
import { useAppInfo } from '../hooks/use-app-info';
import { useAppState } from '../hooks/use-app-state';
import { CommandContext, useCommandRunner } from '../hooks/use-command-runner';
import { useConnectionStatus } from '../hooks/use-connection-status';
import { useTheme } from '../hooks/use-theme';
import { ConnectedContext, ShellContext, useConnected } from '../hooks/window-context';

import { MiniChrome } from './mini-chrome';
import { VolumePopover } from './volume-popover';

interface MiniAppProps {
  readonly api: TrayplayApi;
  readonly connection?: Connection;
}

/** The always-on-top mini-player in one of four size modes, each laid out for its size. Dragged by its background. */
export function MiniApp({ api, connection }: MiniAppProps): ReactElement {
  const state = useAppState(api, connection);
  const runner = useCommandRunner(api);
  const info = useAppInfo(api);
  const status = useConnectionStatus(connection ?? alwaysOpen);
  const [menuOpen, setMenuOpen] = useState(0);
  // Counted, so two popovers opening and closing in any order leave the right answer.
  const onMenu = useCallback((open: boolean) => setMenuOpen((n) => Math.max(0, n + (open ? 1 : -1))), []);
  useTheme(state?.preferences.theme);
  const mode: MiniSizeMode = state?.preferences.mini.sizeMode ?? 'compact';

  return (
    <ApiContext value={api}>
      <ShellContext value={info?.shell ?? null}>
        <ConnectedContext value={status !== 'reconnecting'}>
          <CommandContext value={runner}>
            <main
              className={`mini mini--${mode}`}
              aria-label="Mini-player"
              data-testid="mini-player"
              data-size-mode={mode}
              data-shell={info?.shell}
              data-menu-open={menuOpen > 0 || undefined}
            >
              <h1 className="visually-hidden">Trayplay mini-player</h1>
              {state === null ? (
                <div className="mini__loading" role="status" data-testid="loading">
                  Connecting to Trayplay…
                </div>
              ) : (
                <MiniPlayer state={state} mode={mode} onMenu={onMenu} />
              )}
              {status === 'reconnecting' ? (
                <div className="mini__overlay" role="status" data-testid="connection-notice">
                  Reconnecting to Trayplay…
                </div>
              ) : null}
              <ErrorBanner compact />
            </main>
          </CommandContext>
        </ConnectedContext>
      </ShellContext>
    </ApiContext>
  );
}

interface MiniPlayerProps {
  readonly state: AppState;
  readonly mode: MiniSizeMode;
  readonly onMenu: (open: boolean) => void;
}

function MiniPlayer({ state, mode, onMenu }: MiniPlayerProps): ReactElement {
  const view = nowPlayingView(state.playback.nowPlaying);
  const controls = controlStates(state.playback, useConnected());
  const chrome = (
    <MiniChrome
      sizeMode={mode}
      alwaysOnTop={state.preferences.mini.alwaysOnTop}
      pinCapability={state.desktop.capabilities.alwaysOnTop}
      onMenu={onMenu}
    />
  );
  const text = <MiniText state={state} view={view} mode={mode} />;

  switch (mode) {
    case 'bar':
      // One line: art, title — artist, play/pause, next; the window's buttons last, where they sit.
      return (
        <>
          <PlayerShortcuts playback={state.playback} />
          <AlbumArt view={view} size="small" />
          {text}
          <div className="mini__controls">
            <TransportControls isPlaying={view.isPlaying} controls={controls} size="small" only={['playPause', 'next']} />
          </div>
          {chrome}
        </>
      );
    case 'square':
      // The art fills the window; text and controls sit over it, shown on hover and focus.
      return (
        <>
          <PlayerShortcuts playback={state.playback} />
          <AlbumArt view={view} size="fill" />
          <div className="mini__overlay-controls">
            {chrome}
            <div className="mini__square-bottom">
              {text}
              <ProgressBar progress={view.progress} seek={controls.seek} compact />
              <div className="mini__controls">
                <TransportControls isPlaying={view.isPlaying} controls={controls} size="small" />
                <LikeButton liked={view.liked} state={controls.like} size={16} />
              </div>
            </div>
          </div>
        </>
      );
    case 'compact':
    case 'expanded':
      return (
        <>
          <PlayerShortcuts playback={state.playback} />
          {chrome}
          <div className="mini__row">
            <AlbumArt view={view} size="small" />
            <div className="mini__body">
              {text}
              {/* With no track nothing can be sought or played (every control is off): the fixing actions take their rows, so nothing is cut off. */}
              {view.kind === 'unavailable' ? null : (
                <>
                  <ProgressBar progress={view.progress} seek={controls.seek} />
                  <FullControls view={view} controls={controls} onMenu={onMenu} />
                </>
              )}
            </div>
          </div>
          {mode === 'expanded' ? (
            <Suspense fallback={null}>
              <MiniDevices activeKey={view.device?.id ?? view.device?.name ?? ''} />
            </Suspense>
          ) : null}
        </>
      );
  }
}

const MiniDevices = lazy(() => import('./mini-devices').then((m) => ({ default: m.MiniDevices })));

function FullControls({ view, controls, onMenu }: { view: NowPlayingView; controls: ControlStates; onMenu: (open: boolean) => void }): ReactElement {
  return (
    <div className="mini__controls">
      <ModeControls shuffle={view.shuffle} repeat={view.repeat} controls={controls} size={14} />
      <TransportControls isPlaying={view.isPlaying} controls={controls} size="small" />
      <VolumePopover device={view.device} state={controls.volume} onMenu={onMenu} />
      <LikeButton liked={view.liked} state={controls.like} size={15} />
    </div>
  );
}

/** Title and artist, and below them whatever needs saying: read-only, a stale-state notice, a fixing action. */
function MiniText({ state, view, mode }: { state: AppState; view: NowPlayingView; mode: MiniSizeMode }): ReactElement {
  const { playback } = state;
  const fixes = playbackActions(playback.nowPlaying, playback.notice);
  const fixButtons = fixes.map((fix) => <FixActionButton key={fix.kind} action={fix} compact />);
  if (mode === 'bar') {
    return (
      <div className="mini__text">
        <p className="mini__line" title={`${view.title} — ${view.subtitle}`}>
          <span className="mini__title" data-testid="now-playing-title" elementtiming="now-playing-title">
            {view.title}
          </span>
          <span className="mini__artist" data-testid="now-playing-artist">
            {` — ${view.subtitle}`}
          </span>
        </p>
        {playback.controls.readOnly ? (
          <p className="mini__readonly" data-testid="read-only-notice">
            Controls need Spotify Premium
          </p>
        ) : playback.notice !== null ? (
          <PlaybackNotice notice={playback.notice} compact />
        ) : fixButtons.length > 0 ? (
          <span className="mini__fix">{fixButtons}</span>
        ) : null}
      </div>
    );
  }
  return (
    <div className="mini__text">
      <Marquee className="mini__title" testId="now-playing-title" timing="now-playing-title" text={view.title} />
      <Marquee className="mini__artist" testId="now-playing-artist" text={view.subtitle} />
      {playback.controls.readOnly ? (
        <p className="mini__readonly" data-testid="read-only-notice">
          Controls need Spotify Premium
        </p>
      ) : null}
      {playback.notice === null ? null : <PlaybackNotice notice={playback.notice} compact />}
      {fixButtons.length === 0 ? null : <div className="mini__fix">{fixButtons}</div>}
    </div>
  );
}
