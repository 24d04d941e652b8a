import type { Diagnostics } from '../../shared/contract';
import { err, ok, type Result } from '../../shared/result';
import type { AppInfo, AppState } from '../../shared/state/app-state';
import type { DesktopStatusPatch } from '../../shared/state/desktop';
import type { Preferences } from '../../shared/state/preferences';
import type { PlaybackFacade, ShellActionsFacade } from '../core/facades';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { GlobalShortcuts, ShortcutEnvironment } from '../ports/global-shortcuts';
import type { PowerEvents } from '../ports/power-events';

import { CommandDispatcher, type ShellWindows } from './command-dispatch';
import { ControlInbox } from './control-inbox';
import { buildDiagnostics, RecentProblems } from './diagnostics';
import { HotkeyService } from './hotkey-service';
import type { CommandSource, ShellCommand } from './shell-command';

/** The app state as the core keeps it. */
export interface StateSource {
  get(): AppState;
  subscribe(listener: (state: AppState) => void): () => void;
}

/** Platform parts the shell drives; each is optional so the headless host runs the same dispatch without them. */
export interface DesktopShellDeps {
  readonly clock: Clock;
  readonly log: Logger;
  readonly playback: PlaybackFacade;
  readonly preferences: { values(): Preferences; onChange(listener: () => void): () => void };
  readonly desktop: { patch(patch: DesktopStatusPatch): void };
  readonly windows: ShellWindows;
  readonly power: PowerEvents;
  readonly shortcuts?: { readonly port: GlobalShortcuts; readonly env: ShortcutEnvironment & { promptAccessibility(): void } } | null;
  /** Created early by main so links arriving before ready are kept; a fresh one otherwise. */
  readonly inbox?: ControlInbox;
  /** Warnings and errors for diagnostics (fed from the root logger's sink). */
  readonly problems?: RecentProblems;
  readonly diagnosticsContext?: () => Omit<Parameters<typeof buildDiagnostics>[0], 'state' | 'problems' | 'info'> & { info: AppInfo };
  readonly openLogsFolder?: () => Promise<Result<null>>;
  readonly copyToClipboard?: (text: string) => Promise<boolean>;
}

/**
 * The desktop half of Trayplay composed from pure parts: hotkeys and media keys, control links and flags,
 * one dispatcher for every source. Created before the core (which serves `actions`), started once the core's
 * state exists; `stop` releases everything it took from the OS.
 */
export class DesktopShell {
  public readonly dispatcher: CommandDispatcher;
  public readonly inbox: ControlInbox;
  public readonly hotkeys: HotkeyService | null;
  public readonly problems: RecentProblems;
  private state: StateSource | null = null;
  private readonly offs: Array<() => void> = [];

  public constructor(private readonly deps: DesktopShellDeps) {
    this.problems = deps.problems ?? new RecentProblems();
    this.dispatcher = new CommandDispatcher({ playback: deps.playback, windows: deps.windows, clock: deps.clock, log: deps.log.child('dispatch') });
    this.inbox = deps.inbox ?? new ControlInbox({ now: () => deps.clock.now(), log: deps.log.child('control') });
    this.hotkeys = deps.shortcuts
      ? new HotkeyService({
          shortcuts: deps.shortcuts.port,
          env: deps.shortcuts.env,
          preferences: deps.preferences,
          desktop: deps.desktop,
          dispatch: (command, source) => void this.dispatch(command, source),
          clock: deps.clock,
          log: deps.log.child('hotkeys'),
        })
      : null;
  }

  /** One entry for every source; answers with the engine's result. */
  public dispatch(command: ShellCommand, source: CommandSource): Promise<Result<null>> {
    return this.dispatcher.dispatch(command, source);
  }

  public start(state: StateSource): void {
    if (this.state) return;
    this.state = state;
    this.hotkeys?.start();
    // Some OSes drop shortcut grabs across sleep.
    this.offs.push(this.deps.power.onResume(() => this.hotkeys?.recheck()), this.deps.power.onUnlock(() => this.hotkeys?.recheck()));
    this.inbox.ready((command, source) => void this.dispatch(command, source));
  }

  public stop(): void {
    this.offs.splice(0).forEach((off) => off());
    this.hotkeys?.stop();
  }

  public readonly actions: ShellActionsFacade = {
    requestAccessibility: () => {
      this.hotkeys?.requestAccessibility();
      return ok(null);
    },
    openLogsFolder: () => (this.deps.openLogsFolder ? this.deps.openLogsFolder() : Promise.resolve(err('restricted', 'This window cannot open folders'))),
    diagnostics: async (): Promise<Result<Diagnostics>> => {
      const context = this.deps.diagnosticsContext?.();
      if (!context || !this.state) return err('restricted', 'Diagnostics are not available yet');
      const text = buildDiagnostics({ ...context, state: this.state.get(), problems: this.problems.list() });
      let copied = false;
      try {
        copied = (await this.deps.copyToClipboard?.(text)) ?? false;
      } catch (cause) {
        this.deps.log.warn('could not copy diagnostics', { error: cause instanceof Error ? cause.message : String(cause) });
      }
      return ok({ text, copied });
    },
  };
}
