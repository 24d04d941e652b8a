import type { Logger } from '../logging/logger';

/**
 * The one way a service notifies: each listener runs in its own try, so a throwing listener is logged and
 * the others (and the service that emits) carry on. Listeners added or removed during an emit take effect
 * from the next one.
 */
export class Emitter<A extends unknown[] = []> {
  private readonly listeners = new Set<(...args: A) => void>();

  public constructor(
    /** Where a listener's throw is reported; without one it is dropped (tests that do not care). */
    private readonly logger?: Logger,
    /** Names the emitter in the log line. */
    private readonly name = 'listener',
  ) {}

  public on(listener: (...args: A) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  public emit(...args: A): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(...args);
      } catch (cause) {
        this.logger?.error(`${this.name} threw`, { error: cause instanceof Error ? cause.message : String(cause) });
      }
    }
  }

  public clear(): void {
    this.listeners.clear();
  }

  public get size(): number {
    return this.listeners.size;
  }
}

/** Runs one callback as a listener would: a throw is logged, never passed on. */
export function callSafely(logger: Logger | undefined, name: string, run: () => void): void {
  try {
    run();
  } catch (cause) {
    logger?.error(`${name} threw`, { error: cause instanceof Error ? cause.message : String(cause) });
  }
}
