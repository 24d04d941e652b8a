import { contract, type Contract } from '../../shared/contract';
import { createDispatcher, type Dispatcher } from '../../shared/ipc/dispatcher';
import type { AppInfo } from '../../shared/state/app-state';
import { boundedLogger, RENDERER_LOG_BUDGET } from '../logging/bounded-logger';
import type { RootLogger } from '../logging/logger';

import { AppStateStore } from './app-state-store';
import { contractHandlers } from './contract-handlers';
import type { AuthFacade, PlaybackFacade, WindowControl } from './facades';

export interface CoreDeps {
  readonly info: () => AppInfo;
  readonly logger: RootLogger;
  readonly auth: AuthFacade;
  readonly playback: PlaybackFacade;
  readonly windows: WindowControl;
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
  });
  const state = new AppStateStore(snapshot());
  const sync = (): void => state.update(snapshot());
  const dispatcher = createDispatcher(
    contract,
    contractHandlers({ ...deps, state, rendererLog: boundedLogger(deps.logger.scope('renderer'), { ...RENDERER_LOG_BUDGET, now: Date.now }) }),
    deps.logger.scope('ipc'),
  );
  const offs = [
    deps.auth.onChange(sync),
    deps.playback.onChange(sync),
    state.subscribe((next) => dispatcher.emit('app', 'onState', next)),
  ];
  return {
    dispatcher,
    state,
    dispose: () => offs.forEach((off) => off()),
  };
}
