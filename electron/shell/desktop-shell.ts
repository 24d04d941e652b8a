import type { Diagnostics } from '../../shared/contract';
import { err, ok, type Result } from '../../shared/result';
import type { AppInfo, AppState } from '../../shared/state/app-state';
import type { DesktopStatusPatch } from '../../shared/state/desktop';
import type { Preferences } from '../../shared/state/preferences';
import { callSafely } from '../core/emitter';
import type { PlaybackFacade, ShellActionsFacade } from '../core/facades';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { GlobalShortcuts, ShortcutEnvironment } from '../ports/global-shortcuts';
import type { PowerEvents } from '../ports/power-events';

import { CommandDispatcher, type ShellWindows } from './command-dispatch';
import { ControlInbox } from './control-inbox';
import { buildDiagnostics, RecentProblems } from './diagnostics';
import { WAYLAND_ON_TOP_REASON } from '../windows/placement';

import { FirstReadGate, whenFirstReadSettles } from './first-read';
import { HotkeyService } from './hotkey-service';
import { planLoginItem, type LoginItemInput, type LoginItemPlan } from './login-items';
import { TrackNotifier, type Notifier } from './track-notifier';
import type { CommandSource, ShellCommand } from './shell-command';

/** How long a cold-start control command waits for the first playback read before it runs anyway. */
export const FIRST_READ_WAIT_MS = 5_000;

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
  /** Applies the mini-player's window preferences (size mode, on top, opacity) to the window. */
  readonly miniWindow?: { applyMiniPreferences(): void };
  /** Native Wayland: no always-on-top, no global shortcuts. */
  readonly wayland?: boolean;
  /** Track-change notifications (null: the OS has none). */
  readonly notifications?: { readonly notifier: Notifier; readonly windowFocused: () => boolean } | null;
  /** Start at login: what to plan from, and how to carry a plan out (throws on failure). */
  readonly loginItems?: { readonly input: () => Omit<LoginItemInput, 'enabled'>; readonly apply: (plan: LoginItemPlan) => void } | null;
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
  /** Hotkeys wait for the first playback read, as cold-start control links do. */
  private readonly hotkeyGate: FirstReadGate;

  public constructor(private readonly deps: DesktopShellDeps) {
    this.problems = deps.problems ?? new RecentProblems();
    this.dispatcher = new CommandDispatcher({ playback: deps.playback, windows: deps.windows, clock: deps.clock, log: deps.log.child('dispatch') });
    this.inbox = deps.inbox ?? new ControlInbox({ now: () => deps.clock.now(), log: deps.log.child('control') });
    this.hotkeyGate = new FirstReadGate((command, source) => void this.dispatch(command, source), deps.log.child('hotkeys'));
    this.hotkeys = deps.shortcuts
      ? new HotkeyService({
          shortcuts: deps.shortcuts.port,
          env: deps.shortcuts.env,
          preferences: deps.preferences,
          desktop: deps.desktop,
          dispatch: (command, source) => this.hotkeyGate.submit(command, source),
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
    this.startNotifications(state);
    this.startLoginItems();
    this.hotkeys?.start();
    // Some OSes drop shortcut grabs across sleep.
    const recheck = this.guarded('shortcut recheck', () => this.hotkeys?.recheck());
    this.offs.push(this.deps.power.onResume(recheck), this.deps.power.onUnlock(recheck));
    // Commands waiting from a cold start, and keys pressed meanwhile, run once playback is known (bounded:
    // a read that never answers).
    this.offs.push(
      whenFirstReadSettles(this.deps.playback, this.deps.clock, FIRST_READ_WAIT_MS, (how) => {
        if (how === 'timedOut') this.deps.log.warn('first playback read still pending; running held commands anyway', { waitedMs: FIRST_READ_WAIT_MS });
        this.hotkeyGate.open();
        this.inbox.ready((command, source) => void this.dispatch(command, source));
      }),
    );
    if (this.deps.wayland) this.deps.desktop.patch({ capabilities: { alwaysOnTop: { kind: 'unavailable', reason: WAYLAND_ON_TOP_REASON } } });
    const mini = this.deps.miniWindow;
    if (mini) {
      let last = JSON.stringify(this.deps.preferences.values().mini);
      this.offs.push(
        this.deps.preferences.onChange(this.guarded('mini-player preferences', () => {
          const next = JSON.stringify(this.deps.preferences.values().mini);
          if (next === last) return;
          last = next;
          try {
            mini.applyMiniPreferences();
          } catch (cause) {
            this.deps.log.error('mini-player preferences not applied', { error: cause instanceof Error ? cause.message : String(cause) });
          }
        })),
      );
    }
  }

  private startNotifications(state: StateSource): void {
    const notifications = this.deps.notifications;
    if (!notifications) {
      this.deps.desktop.patch({ capabilities: { notifications: { kind: 'unavailable', reason: 'This system shows no notifications' } } });
      return;
    }
    const notifier = new TrackNotifier({
      notifier: notifications.notifier,
      enabled: () => this.deps.preferences.values().notifications.trackChange,
      windowFocused: notifications.windowFocused,
      log: this.deps.log.child('notify'),
    });
    notifier.noteState(state.get());
    this.offs.push(state.subscribe(this.guarded('track notifier', (next: AppState) => void notifier.noteState(next))));
  }

  private startLoginItems(): void {
    const login = this.deps.loginItems;
    if (!login) return;
    const apply = (): void => {
      const plan = planLoginItem({ ...login.input(), enabled: this.deps.preferences.values().startAtLogin });
      if (plan.kind === 'unsupported') {
        this.deps.desktop.patch({ capabilities: { startAtLogin: { kind: 'unavailable', reason: plan.reason } } });
        return;
      }
      try {
        login.apply(plan);
        this.deps.desktop.patch({ capabilities: { startAtLogin: { kind: 'available' } } });
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        this.deps.log.warn('start at login not applied', { error: reason });
        this.deps.desktop.patch({ capabilities: { startAtLogin: { kind: 'unavailable', reason: `The system refused: ${reason}`.slice(0, 200) } } });
      }
    };
    // At start too: an AppImage that moved gets its autostart entry pointed at the new path.
    apply();
    let last = this.deps.preferences.values().startAtLogin;
    this.offs.push(
      this.deps.preferences.onChange(this.guarded('start at login', () => {
        const next = this.deps.preferences.values().startAtLogin;
        if (next === last) return;
        last = next;
        apply();
      })),
    );
  }

  /** A listener for someone else's source: its throw is logged here and never reaches the source's loop. */
  private guarded<A extends unknown[]>(name: string, run: (...args: A) => void): (...args: A) => void {
    return (...args) => callSafely(this.deps.log, name, () => run(...args));
  }

  public stop(): void {
    this.offs.splice(0).forEach((off) => off());
    this.hotkeys?.stop();
    // Quitting: a second instance's control request must not reach playback being torn down.
    this.inbox.close();
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
