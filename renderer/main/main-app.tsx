import { lazy, Suspense, type ReactElement } from 'react';

import type { TrayplayApi } from '../../shared/contract';
import type { AppState } from '../../shared/state/app-state';
import type { Connection } from '../bridge/connection';
import { ConnectionNotice } from '../components/common/connection-notice';
import { ErrorBanner } from '../components/common/error-banner';
import { MiniPlayerIcon } from '../components/common/icons';
import { NowPlayingPanel } from '../components/now-playing/now-playing-panel';
import { PlayerShortcuts } from '../components/now-playing/player-shortcuts';
import { nowPlayingView } from '../format/now-playing-view';
import { ApiContext } from '../hooks/api-context';
import { useAppInfo } from '../hooks/use-app-info';
import { useAppState } from '../hooks/use-app-state';
import { CommandContext, useCommandRunner } from '../hooks/use-command-runner';
import { useDocumentTitle } from '../hooks/use-document-title';

interface MainAppProps {
  readonly api: TrayplayApi;
  readonly connection?: Connection;
}

/** The main window: now playing, devices, account. */
export function MainApp({ api, connection }: MainAppProps): ReactElement {
  const state = useAppState(api, connection);
  const runner = useCommandRunner(api);
  const info = useAppInfo(api);

  return (
    <ApiContext value={api}>
      <CommandContext value={runner}>
        <div className="app" data-testid="main-window">
          <header className="app-header">
            <span className="app-header__brand">
              <span className="logo" aria-hidden="true" />
              Trayplay
              {state?.auth.kind === 'demo' ? (
                <span className="pill pill--info" data-testid="demo-badge" title="Playback is simulated">
                  Demo
                </span>
              ) : null}
            </span>
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label="Show or hide the mini-player"
              title="Mini-player"
              data-testid="toggle-mini"
              onClick={() => api.window.toggleMini()}
            >
              <MiniPlayerIcon size={18} />
            </button>
          </header>
          {connection === undefined ? null : <ConnectionNotice connection={connection} />}
          <div className="app-toast">
            <ErrorBanner />
          </div>
          <main className="app-main">
            {state === null ? <Loading /> : <Content state={state} />}
          </main>
          <footer className="app-footer" data-testid="app-info">
            {info === null ? '\u00a0' : `${info.name} ${info.version} · ${info.platform} · ${info.shell}`}
          </footer>
        </div>
      </CommandContext>
    </ApiContext>
  );
}

function Content({ state }: { readonly state: AppState }): ReactElement {
  const { nowPlaying } = state.playback;
  const activeDevice =
    nowPlaying.kind === 'item' || nowPlaying.kind === 'private' ? (nowPlaying.device.id ?? nowPlaying.device.name) : '';
  const view = nowPlayingView(nowPlaying);
  useDocumentTitle(view.kind === 'item' ? `${view.title} — ${view.subtitle} · Trayplay` : 'Trayplay');
  return (
    <>
      <PlayerShortcuts playback={state.playback} />
      <NowPlayingPanel playback={state.playback} />
      <Suspense fallback={<div className="sections" aria-busy="true" />}>
        <Sections state={state} activeDevice={activeDevice} />
      </Suspense>
    </>
  );
}

// Devices and the account (with the Client ID onboarding) load after the player has painted.
const Sections = lazy(() => import('./sections').then((m) => ({ default: m.Sections })));

function Loading(): ReactElement {
  return (
    <div className="loading" role="status" data-testid="loading">
      <div className="spinner" aria-hidden="true" />
      Connecting to Trayplay…
    </div>
  );
}
