import { lazy, Suspense, useDeferredValue, useState, type ReactElement } from 'react';

import type { TrayplayApi } from '../../shared/contract';
import type { AppState } from '../../shared/state/app-state';
import { alwaysOpen, type Connection } from '../bridge/connection';
import { ConnectionNotice } from '../components/common/connection-notice';
import { ErrorBanner } from '../components/common/error-banner';
import { MiniPlayerIcon } from '../components/common/icons';
import { useToggleMini } from '../components/common/window-actions';
import { NowPlayingPanel } from '../components/now-playing/now-playing-panel';
import { PlayerShortcuts } from '../components/now-playing/player-shortcuts';
import { nowPlayingView } from '../format/now-playing-view';
import { ApiContext } from '../hooks/api-context';
import { useAppInfo } from '../hooks/use-app-info';
import { useAppState } from '../hooks/use-app-state';
import { CommandContext, useCommandRunner } from '../hooks/use-command-runner';
import { useConnectionStatus } from '../hooks/use-connection-status';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useTheme } from '../hooks/use-theme';
import { ConnectedContext, ShellContext } from '../hooks/window-context';

interface MainAppProps {
  readonly api: TrayplayApi;
  readonly connection?: Connection;
}

type Page = 'player' | 'settings';

/** The main window: now playing, devices and account; settings on their own page. */
export function MainApp({ api, connection }: MainAppProps): ReactElement {
  const state = useAppState(api, connection);
  const runner = useCommandRunner(api);
  const info = useAppInfo(api);
  const connected = useConnectionStatus(connection ?? alwaysOpen) !== 'reconnecting';
  const [page, setPage] = useState<Page>('player');
  useTheme(state?.preferences.theme);

  return (
    <ApiContext value={api}>
      <ShellContext value={info?.shell ?? null}>
        <ConnectedContext value={connected}>
          <CommandContext value={runner}>
            <div className="app" data-testid="main-window" data-page={page}>
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
                <nav className="app-nav" aria-label="Pages">
                  <NavButton page="player" current={page} onSelect={setPage} label="Player" />
                  <NavButton page="settings" current={page} onSelect={setPage} label="Settings" />
                  <MiniToggle />
                </nav>
              </header>
              {connection === undefined ? null : <ConnectionNotice connection={connection} />}
              <div className="app-toast">
                <ErrorBanner />
              </div>
              <main className="app-main">
                {state === null ? <Loading /> : page === 'player' ? <Player state={state} /> : <SettingsView state={state} platform={info?.platform ?? ''} />}
              </main>
              <footer className="app-footer" data-testid="app-info">
                {info === null ? '\u00a0' : `${info.name} ${info.version} · ${info.platform} · ${info.shell === 'web' ? 'web preview' : 'desktop'}`}
              </footer>
            </div>
          </CommandContext>
        </ConnectedContext>
      </ShellContext>
    </ApiContext>
  );
}

function NavButton(props: { page: Page; current: Page; label: string; onSelect: (page: Page) => void }): ReactElement {
  return (
    <button
      type="button"
      className="button button--quiet button--small"
      data-testid={`nav-${props.page}`}
      aria-current={props.page === props.current ? 'page' : undefined}
      onClick={() => props.onSelect(props.page)}
    >
      {props.label}
    </button>
  );
}

function MiniToggle(): ReactElement {
  const toggle = useToggleMini();
  return (
    <button
      type="button"
      className="icon-button icon-button--small"
      aria-label="Show or hide the mini-player"
      title="Mini-player"
      data-testid="toggle-mini"
      onClick={toggle}
    >
      <MiniPlayerIcon size={18} />
    </button>
  );
}

function Player({ state }: { readonly state: AppState }): ReactElement {
  const { nowPlaying } = state.playback;
  const activeDevice =
    nowPlaying.kind === 'item' || nowPlaying.kind === 'private' ? (nowPlaying.device.id ?? nowPlaying.device.name) : '';
  const view = nowPlayingView(nowPlaying);
  // The sections (and the zod they bring) are asked for in a render after the one that commits the title,
  // so fetching and compiling them does not hold up its paint.
  const sectionsDue = useDeferredValue(true, false);
  useDocumentTitle(view.kind === 'item' ? `${view.title} — ${view.subtitle} · Trayplay` : 'Trayplay');
  return (
    <>
      <PlayerShortcuts playback={state.playback} />
      <NowPlayingPanel playback={state.playback} />
      {sectionsDue ? (
        <Suspense fallback={sectionsPlaceholder}>
          <Sections state={state} activeDevice={activeDevice} />
        </Suspense>
      ) : (
        sectionsPlaceholder
      )}
    </>
  );
}

function SettingsView({ state, platform }: { readonly state: AppState; readonly platform: string }): ReactElement {
  useDocumentTitle('Settings · Trayplay');
  return (
    <Suspense fallback={<Loading />}>
      <SettingsPage state={state} platform={platform} />
    </Suspense>
  );
}

const sectionsPlaceholder = <div className="sections" aria-busy="true" />;

// Devices, the account (with the Client ID onboarding) and settings load after the player has painted.
const Sections = lazy(() => import('./sections').then((m) => ({ default: m.Sections })));
const SettingsPage = lazy(() => import('../settings/settings-page').then((m) => ({ default: m.SettingsPage })));

function Loading(): ReactElement {
  return (
    <div className="loading" role="status" data-testid="loading">
      <div className="spinner" aria-hidden="true" />
      Connecting to Trayplay…
    </div>
  );
}
