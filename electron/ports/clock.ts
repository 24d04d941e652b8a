/** Opaque timer handle, so a fake clock can use numbers and Node its Timeout objects. */
export type TimerHandle = unknown;

/** Wall-clock time and timers. Logic takes this port; tests pass a manual clock. */
export interface Clock {
  /** Milliseconds since the epoch (wall clock: jumps forward across system sleep). */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // Timers never keep a headless host or a test process alive on their own.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
