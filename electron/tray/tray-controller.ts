import type { AppState } from '../../shared/state/app-state';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { Rect } from '../windows/window-options';

import { runTrayAction, type TrayActionDeps } from './tray-actions';
import { TrayDevices } from './tray-devices';
import type { TrayAction, TrayMenuContext } from './tray-menu';

/** The OS tray icon (electron/adapters/tray.ts in the app; a recording fake in tests). */
export interface TrayView {
  render(state: AppState, context: TrayMenuContext): void;
  bounds(): Rect | null;
  destroy(): void;
}

export interface TrayViewHandlers {
  readonly onAction: (action: TrayAction) => void;
  readonly onClick: (bounds: Rect | null) => void;
  readonly onMenuWillShow: () => void;
}

export interface TrayControllerDeps extends Omit<TrayActionDeps, 'devicesChanged' | 'log'> {
  readonly state: { get(): AppState; subscribe(listener: (state: AppState) => void): () => void };
  readonly playback: TrayActionDeps['playback'] & ConstructorParameters<typeof TrayDevices>[0]['playback'];
  readonly createView: (handlers: TrayViewHandlers) => TrayView;
  readonly clock: Clock;
  readonly log: Logger;
}

/** The tray player: the icon and menu follow the state; clicks go to the dispatcher and services. */
export function startTray(deps: TrayControllerDeps): { bounds(): Rect | null; stop(): void } {
  let view: TrayView | null = null;
  const devices = new TrayDevices({
    playback: deps.playback,
    clock: deps.clock,
    log: deps.log,
    onChange: () => view?.render(deps.state.get(), { devices: devices.current() }),
  });
  view = deps.createView({
    // Rendered again once settled, changed or not: a refused checkbox/radio click must show the truth again.
    onAction: (action) => void runTrayAction(action, { ...deps, devicesChanged: () => void devices.refresh(true) }).finally(() => render(deps.state.get())),
    // Left click toggles the mini-player where the OS reports clicks; on Linux it is in the menu.
    onClick: () => void deps.dispatch('toggleMini', 'tray'),
    onMenuWillShow: () => void devices.refresh(),
  });
  const render = (state: AppState): void => {
    devices.noteState(state);
    try {
      view?.render(state, { devices: devices.current() });
    } catch (cause) {
      deps.log.error('tray not updated', { error: cause instanceof Error ? cause.message : String(cause) });
    }
  };
  render(deps.state.get());
  const off = deps.state.subscribe(render);
  return {
    bounds: () => view?.bounds() ?? null,
    stop: () => {
      off();
      view?.destroy();
      view = null;
    },
  };
}
