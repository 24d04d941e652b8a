// Child-process only: wraps the global setTimeout/setInterval so the boot child can list every timer still
// pending when the process exits. An unref'd timer does not keep Node alive, so "the process ended by itself"
// cannot see a service that was never disposed; this can. Liveness is read from Node's own Timeout
// (`_destroyed` is set once a timeout fires or any timer is cleared or closed, however that happened).

interface NodeTimeout {
  readonly _destroyed?: boolean;
  hasRef(): boolean;
}

export interface TimerCensus {
  /** `kind ref|unref at <caller>` for each timer not yet fired or cleared. */
  pending(): string[];
}

type TimerFn = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;

/** Where a timer was started: the frame that called the wrapper (stack: message, caller(), wrapper, it). */
function caller(): string {
  return (new Error().stack ?? '').split('\n')[3]?.trim().replace(/^at /, '') ?? 'unknown';
}

export function installTimerCensus(target: typeof globalThis = globalThis): TimerCensus {
  const started: { handle: NodeTimeout; kind: string; at: string }[] = [];
  const wrap = (kind: 'setTimeout' | 'setInterval'): void => {
    const real = target[kind] as unknown as TimerFn;
    const wrapped: TimerFn = function wrapped(this: unknown, callback, ms, ...args) {
      const handle = real.call(this, callback, ms, ...args) as NodeTimeout;
      started.push({ handle, kind, at: caller() });
      return handle;
    };
    // Keeps util.promisify(setTimeout) and friends working.
    for (const key of Reflect.ownKeys(real)) {
      if (key === 'length' || key === 'name' || key === 'prototype') continue;
      Object.defineProperty(wrapped, key, Object.getOwnPropertyDescriptor(real, key)!);
    }
    (target as unknown as Record<string, unknown>)[kind] = wrapped;
  };
  wrap('setTimeout');
  wrap('setInterval');
  return {
    pending: () =>
      started.filter((t) => t.handle._destroyed === false).map((t) => `${t.kind} ${t.handle.hasRef() ? 'ref' : 'unref'} at ${t.at}`),
  };
}
