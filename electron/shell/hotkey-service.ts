import type { DesktopStatusPatch, HotkeyStatus } from '../../shared/state/desktop';
import type { Preferences } from '../../shared/state/preferences';
import type { Logger } from '../logging/logger';
import type { Clock, TimerHandle } from '../ports/clock';
import type { GlobalShortcuts, ShortcutEnvironment } from '../ports/global-shortcuts';

import { planHotkeys, WAYLAND_REASON, type HotkeyPlan, type PlannedShortcut } from './hotkey-plan';
import type { CommandSource, ShellCommand } from './shell-command';

export interface HotkeyServiceDeps {
  readonly shortcuts: GlobalShortcuts;
  readonly env: ShortcutEnvironment & { promptAccessibility(): void };
  readonly preferences: { values(): Preferences; onChange(listener: () => void): () => void };
  readonly desktop: { patch(patch: DesktopStatusPatch): void };
  readonly dispatch: (command: ShellCommand, source: CommandSource) => void;
  readonly clock: Clock;
  readonly log: Logger;
}

/** After the Accessibility prompt, how long and how often to look whether the user granted trust. */
const TRUST_POLL_MS = 3_000;
const TRUST_POLL_FOR_MS = 3 * 60_000;

/**
 * Registers the global shortcuts the preferences ask for and reports each one's fate in the desktop status.
 * Re-applies when the hotkey preferences change, re-registers what the OS dropped across sleep, and
 * unregisters everything it registered on stop. Never throws: a refusing or throwing OS becomes a report.
 */
export class HotkeyService {
  private registered: PlannedShortcut[] = [];
  private plan: HotkeyPlan | null = null;
  private settled = new Map<PlannedShortcut, HotkeyStatus>();
  private trustedAtPlan = true;
  private lastHotkeys = '';
  private offPrefs: (() => void) | null = null;
  private trustTimer: { readonly handle: TimerHandle } | null = null;

  public constructor(private readonly deps: HotkeyServiceDeps) {}

  public start(): void {
    if (this.offPrefs) return;
    this.apply();
    this.offPrefs = this.deps.preferences.onChange(() => {
      if (JSON.stringify(this.deps.preferences.values().hotkeys) !== this.lastHotkeys) this.apply();
    });
  }

  /** Unregisters ours, plans again from the current preferences and registers. */
  public apply(): void {
    this.unregisterOurs();
    const prefs = this.deps.preferences.values().hotkeys;
    this.lastHotkeys = JSON.stringify(prefs);
    const { env } = this.deps;
    const trusted = env.platform !== 'darwin' || this.trusted();
    const plan = planHotkeys({ bindings: prefs.bindings, mediaKeys: prefs.mediaKeys, env: { platform: env.platform, wayland: env.wayland, accessibilityTrusted: trusted } });
    const settled = new Map<PlannedShortcut, HotkeyStatus>();
    for (const planned of plan.register) settled.set(planned, this.register(planned));
    this.plan = plan;
    this.settled = settled;
    this.trustedAtPlan = trusted;
    this.publish();
  }

  /**
   * After sleep or unlock: some OSes drop grabs, and Electron's `isRegistered` answers from its own bookkeeping
   * (still true when the OS dropped the grab), so asking proves nothing. Every shortcut is unregistered and
   * registered again; one that fails now (another app took it meanwhile) says so in its report.
   */
  public recheck(): void {
    // Not started, or stopped (quitting): nothing to bring back.
    if (!this.plan || !this.offPrefs) return;
    this.deps.log.info('registering shortcuts again after resume', { count: this.registered.length });
    this.apply();
  }

  /** macOS: shows the system prompt, then re-applies once trust is granted (the user answers in System Settings). */
  public requestAccessibility(): void {
    const { env, clock } = this.deps;
    if (env.platform !== 'darwin' || this.trusted()) return;
    this.safe(() => env.promptAccessibility(), undefined);
    if (this.trustTimer !== null) clock.clearTimeout(this.trustTimer.handle);
    const until = clock.now() + TRUST_POLL_FOR_MS;
    const poll = (): void => {
      this.trustTimer = null;
      if (this.trusted()) {
        this.deps.log.info('accessibility trust granted; registering media keys');
        this.apply();
      } else if (clock.now() < until) {
        this.trustTimer = { handle: clock.setTimeout(poll, TRUST_POLL_MS) };
      }
    };
    this.trustTimer = { handle: clock.setTimeout(poll, TRUST_POLL_MS) };
  }

  public stop(): void {
    this.offPrefs?.();
    this.offPrefs = null;
    if (this.trustTimer !== null) this.deps.clock.clearTimeout(this.trustTimer.handle);
    this.trustTimer = null;
    this.unregisterOurs();
  }

  private register(planned: PlannedShortcut): HotkeyStatus {
    const { shortcuts, dispatch, log } = this.deps;
    const source: CommandSource = planned.target.kind === 'mediaKey' ? 'mediaKey' : 'hotkey';
    try {
      const ok = shortcuts.register(planned.accelerator, () => dispatch(planned.command, source));
      if (!ok) {
        log.info('shortcut taken by another application', { accelerator: planned.accelerator });
        return { kind: 'taken' };
      }
      this.registered.push(planned);
      return { kind: 'registered' };
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      log.warn('shortcut registration failed', { accelerator: planned.accelerator, error: reason });
      return { kind: 'failed', reason: `The system refused this shortcut: ${reason}`.slice(0, 200) };
    }
  }

  private unregisterOurs(): void {
    for (const planned of this.registered) this.safe(() => this.deps.shortcuts.unregister(planned.accelerator), undefined);
    this.registered = [];
  }

  private publish(): void {
    const { plan, settled, trustedAtPlan: trusted } = this;
    if (!plan) return;
    const statusOf = (match: (p: PlannedShortcut) => boolean, fallback: HotkeyStatus): HotkeyStatus => {
      const planned = plan.register.find(match);
      return planned ? (settled.get(planned) ?? fallback) : fallback;
    };
    const { env } = this.deps;
    this.deps.desktop.patch({
      hotkeys: plan.hotkeys.map((r) => ({ ...r, status: statusOf((p) => p.target.kind === 'binding' && p.target.command === r.command, r.status) })),
      mediaKeys: plan.mediaKeys.map((r) => ({ ...r, status: statusOf((p) => p.target.kind === 'mediaKey' && p.target.key === r.key, r.status) })),
      capabilities: {
        globalShortcuts: env.wayland ? { kind: 'unavailable', reason: WAYLAND_REASON } : { kind: 'available' },
        accessibility: trusted
          ? { kind: 'available' }
          : { kind: 'unavailable', reason: 'macOS lets Trayplay use the media keys only after you allow it under Privacy & Security → Accessibility' },
      },
    });
  }

  private trusted(): boolean {
    return this.safe(() => this.deps.env.accessibilityTrusted(), false);
  }

  private safe<T>(run: () => T, fallback: T): T {
    try {
      return run();
    } catch (cause) {
      this.deps.log.warn('shortcut call failed', { error: cause instanceof Error ? cause.message : String(cause) });
      return fallback;
    }
  }
}
