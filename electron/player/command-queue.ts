/**
 * How a lane treats a command that arrives while another of its kind is in flight:
 * - `latest`: only the newest waiting value matters (volume drags, seeks, play/pause toggles resolved to a
 *   target state, shuffle, repeat, like, transfer). A waiting command is replaced; its caller gets the
 *   result of the command that replaced it. A volume scroll of 100 steps sends at most 2 requests at a time.
 * - `sequence`: every press counts (next, previous), in order, up to `maxWaiting` waiting presses; presses
 *   beyond the cap are dropped (the caller gets `whenDropped()`), so a stuck key cannot queue a minute of skips.
 */
export type Coalescing = 'latest' | 'sequence';

export interface QueuedCommand<T> {
  readonly run: () => Promise<T>;
  /** Called when this command will not run (replaced or dropped), so its optimistic effect can be undone. */
  readonly onSkipped?: () => void;
}

interface Job<T> {
  command: QueuedCommand<T>;
  readonly waiters: Array<(value: T) => void>;
}

interface Lane<T> {
  running: boolean;
  readonly waiting: Array<Job<T>>;
}

/** Serializes commands per lane (kind) so key-repeat cannot reorder them; lanes are independent. */
export class CommandQueue<L extends string, T> {
  private readonly lanes = new Map<L, Lane<T>>();

  public constructor(
    private readonly options: {
      readonly maxWaiting: number;
      /** Answer for a press dropped beyond the cap. */
      readonly whenDropped: () => T;
      /** Answer if a command's `run` throws (it should not). */
      readonly whenThrown: (error: unknown) => T;
    },
  ) {}

  public enqueue(lane: L, coalescing: Coalescing, command: QueuedCommand<T>): Promise<T> {
    const state = this.lane(lane);
    return new Promise<T>((resolve) => {
      if (coalescing === 'latest') {
        const last = state.waiting.at(-1);
        if (last) {
          last.command.onSkipped?.();
          last.command = command;
          last.waiters.push(resolve);
          return;
        }
      } else if (state.waiting.length >= this.options.maxWaiting) {
        command.onSkipped?.();
        resolve(this.options.whenDropped());
        return;
      }
      state.waiting.push({ command, waiters: [resolve] });
      this.pump(state);
    });
  }

  /** Commands waiting or running in a lane. */
  public size(lane: L): number {
    const state = this.lanes.get(lane);
    return state ? state.waiting.length + (state.running ? 1 : 0) : 0;
  }

  public get idle(): boolean {
    return [...this.lanes.values()].every((lane) => !lane.running && lane.waiting.length === 0);
  }

  private lane(lane: L): Lane<T> {
    let state = this.lanes.get(lane);
    if (!state) {
      state = { running: false, waiting: [] };
      this.lanes.set(lane, state);
    }
    return state;
  }

  private pump(state: Lane<T>): void {
    if (state.running) return;
    const job = state.waiting.shift();
    if (!job) return;
    state.running = true;
    // Started synchronously, so an idle lane adds no scheduling delay before the request leaves.
    let outcome: Promise<T>;
    try {
      outcome = job.command.run();
    } catch (error) {
      outcome = Promise.resolve(this.options.whenThrown(error));
    }
    void outcome
      .catch((error: unknown) => this.options.whenThrown(error))
      .then((value) => {
        state.running = false;
        for (const resolve of job.waiters) resolve(value);
        this.pump(state);
      });
  }
}
