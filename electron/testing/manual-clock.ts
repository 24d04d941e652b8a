import type { Clock, TimerHandle } from '../ports/clock';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/** Lets pending promise chains (not real I/O) run to completion. */
export const settle = async (rounds = 20): Promise<void> => {
  for (let i = 0; i < rounds; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};

/**
 * A clock that moves only when told to. `advance` fires due timers in time order and lets the async
 * work they start settle in between, so code under test behaves as it would over real time.
 * `jump` moves the wall clock without firing timers in between, as a system sleep does.
 */
export class ManualClock implements Clock {
  private current: number;
  /** How far the wall clock was stepped (NTP, a manual change): `now()` moves, timers (monotonic) do not. */
  private wallOffset = 0;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  public constructor(start = Date.UTC(2026, 10, 24, 9, 0, 0)) {
    this.current = start;
  }

  public now(): number {
    return this.current + this.wallOffset;
  }

  public setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.current + Math.max(0, ms), callback });
    return id;
  }

  public clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** Number of timers still waiting. */
  public get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  public async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    await settle();
    for (;;) {
      const due = [...this.timers.values()].filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers.delete(due.id);
      this.current = Math.max(this.current, due.at);
      due.callback();
      await settle();
    }
    this.current = end;
    await settle();
  }

  /**
   * A system sleep: the wall clock jumps and timers do not fire on the way. On wake, timers whose time
   * has passed fire at once (as Node's do), then the caller's resume handlers run.
   */
  public async jump(ms: number): Promise<void> {
    this.current += ms;
    await this.advance(0);
  }

  /**
   * The wall clock is set back or forward (NTP correction, the user changing the time, a VM resume) while
   * timers keep their monotonic schedule: a 10 s timer still fires 10 s later.
   */
  public stepWall(ms: number): void {
    this.wallOffset += ms;
  }
}
