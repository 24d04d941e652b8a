import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/ipc/contract-kit';
import { ok } from '../../shared/result';
import type { AppInfo } from '../../shared/state/app-state';
import type { Logger } from '../logging/logger';

import type { AppStateStore } from './app-state-store';
import type { AuthFacade, PlaybackFacade, PreferencesFacade, ShellActionsFacade, WindowControl } from './facades';

export interface HandlerDeps {
  readonly info: () => AppInfo;
  readonly state: AppStateStore;
  readonly auth: AuthFacade;
  readonly playback: PlaybackFacade;
  readonly preferences: PreferencesFacade;
  readonly windows: WindowControl;
  readonly shellActions: ShellActionsFacade;
  /** Where renderer log lines are written. */
  readonly rendererLog: Logger;
}

/** The contract's implementation: thin, every decision lives in the services. */
export function contractHandlers(deps: HandlerDeps): Handlers<Contract> {
  const { auth, playback, preferences, windows, shellActions } = deps;
  return {
    app: {
      getInfo: () => ok(deps.info()),
      getState: () => ok(deps.state.get()),
      log: ({ level, message }, ctx) => deps.rendererLog[level](message, { window: ctx.origin }),
      openLogsFolder: () => shellActions.openLogsFolder(),
      copyDiagnostics: () => shellActions.diagnostics(),
    },
    auth: {
      signIn: () => auth.signIn(),
      cancel: () => auth.cancel(),
      signOut: () => auth.signOut(),
      setClientId: ({ clientId }) => auth.setClientId(clientId),
      setRedirectMode: ({ mode }) => auth.setRedirectMode(mode),
      setPlaintextOptIn: ({ optIn }) => auth.setPlaintextOptIn(optIn),
    },
    player: {
      togglePlay: () => playback.togglePlay(),
      next: () => playback.next(),
      previous: () => playback.previous(),
      seek: ({ positionMs }) => playback.seek(positionMs),
      setVolume: ({ percent }) => playback.setVolume(percent),
      setShuffle: ({ on }) => playback.setShuffle(on),
      cycleRepeat: () => playback.cycleRepeat(),
      setLiked: ({ liked }) => playback.setLiked(liked),
      transfer: ({ deviceId, play }) => playback.transfer(deviceId, play),
      listDevices: () => playback.listDevices(),
      // The user acting counts like a window being shown: it lifts the quota backoff for one probe.
      retryNow: () => (playback.wake?.('window-shown'), ok(null)),
    },
    settings: {
      update: (patch) => preferences.update(patch),
      resetHotkeys: () => preferences.resetHotkeys(),
      requestAccessibility: () => shellActions.requestAccessibility(),
    },
    window: {
      showMain: () => windows.showMain(),
      toggleMini: () => windows.toggleMini(),
      hideMini: () => windows.hideMini(),
    },
  };
}
