import { callSafely } from '../core/emitter';
import type { Logger } from '../logging/logger';
import type { Clock, TimerHandle } from '../ports/clock';
import type { PowerEvents } from '../ports/power-events';

/** The longest the scheduler ever sleeps in one timer: timers stall across system sleep, so check often. */
export const TICK_MS = 60_000;
const MIN_TICK_MS = 1_000;

export interface Refreshable {
  nextDueAt(): number | null;
  refreshIfDue(): Promise<void>;
  wake(): void;
}

export interface RefreshSchedulerDeps {
  readonly clock: Clock;
  readonly power: PowerEvents;
  readonly keeper: Refreshable;
  readonly logger: Logger;
  /** Runs on every tick after the refresh check (e.g. the 6-month warning). */
  readonly onTick?: () => void;
}

/**
 * Decides when to refresh from the absolute expiry: a short re-armed timer (never one long `setTimeout`),
 * plus immediate checks on resume, unlock and when the network comes back.
 */
export class RefreshScheduler {
  private timer: TimerHandle = null;
  private offs: Array<() => void> = [];
  private running = false;

  public constructor(private readonly deps: RefreshSchedulerDeps) {}

  public start(): void {
    if (this.running) return;
    this.running = true;
    const wake = (why: string) => () => {
      this.deps.logger.debug('checking the session', { why });
      this.deps.keeper.wake();
      this.tick();
    };
    this.offs = [this.deps.power.onResume(wake('resume')), this.deps.power.onUnlock(wake('unlock')), this.deps.power.onOnline(wake('online'))];
    this.tick();
  }

  public stop(): void {
    this.running = false;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    for (const off of this.offs) off();
    this.offs = [];
  }

  /** Checks now and re-arms; safe to call at any time (e.g. right after sign-in). */
  public tick(): void {
    if (!this.running) return;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    this.deps.keeper
      .refreshIfDue()
      .catch((cause: unknown) => this.deps.logger.error('refresh check failed', { error: cause instanceof Error ? cause.message : 'unknown' }))
      .finally(() => {
        // Re-armed before the hook runs, and the hook's throw is logged: a listener bug cannot stop refreshing.
        this.arm();
        const onTick = this.deps.onTick;
        if (onTick) callSafely(this.deps.logger, 'tick hook', onTick);
      });
  }

  private arm(): void {
    if (!this.running || this.timer !== null) return;
    const due = this.deps.keeper.nextDueAt();
    const untilDue = due === null ? TICK_MS : due - this.deps.clock.now();
    const delay = Math.min(TICK_MS, Math.max(MIN_TICK_MS, untilDue));
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.tick();
    }, delay);
  }
}
