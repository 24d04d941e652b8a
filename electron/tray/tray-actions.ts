import type { Result } from '../../shared/result';
import type { PlaybackFacade } from '../core/facades';
import type { Logger } from '../logging/logger';
import type { CommandSource, ShellCommand } from '../shell/shell-command';

import type { TrayAction } from './tray-menu';

export interface TrayActionDeps {
  readonly dispatch: (command: ShellCommand, source: CommandSource) => Promise<Result<null>>;
  readonly playback: Pick<PlaybackFacade, 'setShuffle' | 'setVolume' | 'transfer' | 'cycleRepeat'>;
  readonly auth: { signIn(): Promise<Result<null>>; signOut(): Promise<Result<null>>; cancel(): Promise<Result<null>> };
  readonly showMain: () => void;
  readonly quit: () => void;
  /** After a transfer the device list changed. */
  readonly devicesChanged: () => void;
  readonly log: Logger;
}

/** What a tray menu click does. Transport goes through the shared dispatcher; the rest straight to its service. */
export function runTrayAction(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  const report = (what: string) => (result: Result<null>) => {
    if (!result.ok) deps.log.info('tray action not carried out', { action: what, error: result.error.code });
    return result;
  };
  const finish = (what: string, running: Promise<Result<null>>): Promise<void> =>
    running.then(report(what)).then(
      () => undefined,
      (cause: unknown) => deps.log.error('tray action threw', { action: what, error: cause instanceof Error ? cause.message : String(cause) }),
    );
  switch (action.type) {
    case 'togglePlay':
      return finish(action.type, deps.dispatch('playPause', 'tray'));
    case 'next':
    case 'previous':
    case 'like':
    case 'unlike':
      return finish(action.type, deps.dispatch(action.type, 'tray'));
    case 'toggleMini':
      return finish(action.type, deps.dispatch('toggleMini', 'tray'));
    case 'showMain':
      return finish(action.type, deps.dispatch('showMain', 'tray'));
    case 'cycleRepeat':
      return finish(action.type, deps.playback.cycleRepeat());
    case 'setShuffle':
      return finish(action.type, deps.playback.setShuffle(action.on));
    case 'setVolume':
      return finish(action.type, deps.playback.setVolume(action.percent));
    case 'transfer':
      return finish(action.type, deps.playback.transfer(action.deviceId).finally(deps.devicesChanged));
    case 'signIn':
      // Without a Client ID (or when sign-in cannot start) the account page explains what to do.
      return finish(
        action.type,
        deps.auth.signIn().then((result) => {
          if (!result.ok) deps.showMain();
          return result;
        }),
      );
    case 'signOut':
      return finish(action.type, deps.auth.signOut());
    case 'cancelSignIn':
      return finish(action.type, deps.auth.cancel());
    case 'quit':
      deps.quit();
      return Promise.resolve();
  }
}
