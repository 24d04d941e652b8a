import { contract, type Contract } from '../../shared/contract';
import { createDispatcher, type Dispatcher } from '../../shared/ipc/dispatcher';
import { err, ok } from '../../shared/result';
import type { AppInfo } from '../../shared/state/app-state';
import { boundedLogger, RENDERER_LOG_BUDGET } from '../logging/bounded-logger';
import type { RootLogger } from '../logging/logger';

import { AppStateStore } from './app-state-store';
import { contractHandlers } from './contract-handlers';
import type { AuthFacade, DesktopFacade, PlaybackFacade, PreferencesFacade, ShellActionsFacade, WindowControl } from './facades';

export interface CoreDeps {
  readonly info: () => AppInfo;
  readonly logger: RootLogger;
  readonly auth: AuthFacade;
  readonly playback: PlaybackFacade;
  readonly preferences: PreferencesFacade;
  readonly desktop: DesktopFacade;
  readonly windows: WindowControl;
  /** Accessibility prompt, logs folder, diagnostics; absent: each answers that this shell cannot. */
  readonly shellActions?: ShellActionsFacade;
}

const NO_SHELL_ACTIONS: ShellActionsFacade = {
  requestAccessibility: () => ok(null),
  openLogsFolder: () => Promise.resolve(err('restricted', 'This window cannot open folders')),
  diagnostics: () => Promise.resolve(err('restricted', 'Diagnostics are not available here')),
};

/** The parts of the core that the services provide. */
export type ServiceDeps = Pick<CoreDeps, 'auth' | 'playback' | 'preferences' | 'desktop'>;

/**
 * The core's service-backed deps, taken from the services in one place: the app (main.ts) and the headless
 * host both build their core through this, so neither can forget or mis-wire a service the other passes.
 */
export function coreDepsOf(services: ServiceDeps): ServiceDeps {
  return { auth: services.auth, playback: services.playback, preferences: services.preferences, desktop: services.desktop };
}

export interface Core {
  readonly dispatcher: Dispatcher<Contract>;
  readonly state: AppStateStore;
  dispose(): void;
}

/**
 * Joins the services to the contract: one state store fed by the services, pushed to every window on change,
 * and the dispatcher that both transports serve.
 */
export function createCore(deps: CoreDeps): Core {
  const snapshot = () => ({
    auth: deps.auth.state(),
    authSettings: deps.auth.settings(),
    playback: deps.playback.getState(),
    preferences: deps.preferences.values(),
    desktop: deps.desktop.get(),
  });
  const state = new AppStateStore(snapshot(), deps.logger.scope('state'));
  const sync = (): void => state.update(snapshot());
  const dispatcher = createDispatcher(
    contract,
    contractHandlers({
      ...deps,
      shellActions: deps.shellActions ?? NO_SHELL_ACTIONS,
      state,
      rendererLog: boundedLogger(deps.logger.scope('renderer'), { ...RENDERER_LOG_BUDGET, now: Date.now }),
    }),
    deps.logger.scope('ipc'),
  );
  const offs = [
    deps.auth.onChange(sync),
    deps.playback.onChange(sync),
    deps.preferences.onChange(sync),
    deps.desktop.onChange(sync),
    state.subscribe((next) => dispatcher.emit('app', 'onState', next)),
  ];
  return {
    dispatcher,
    state,
    dispose: () => offs.forEach((off) => off()),
  };
}
