// Electron's event objects: what listeners get as their first argument.

export interface DoubleEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function electronEvent<T extends object>(extra?: T): DoubleEvent & T {
  let prevented = false;
  const event = {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
  return Object.assign(event, extra ?? ({} as T));
}

/**
 * `whenReady()`'s promise, recording every promise derived from it, so a harness can wait for the app's
 * start-up chain (`whenReady().then(…).catch(…)`) to settle without guessing a delay.
 */
export function trackedPromiseClass(derived: Promise<unknown>[]) {
  return class TrackedPromise<T> extends Promise<T> {
    public override then<R1 = T, R2 = never>(
      onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
      onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
    ): Promise<R1 | R2> {
      const next = super.then(onFulfilled, onRejected);
      derived.push(next);
      return next;
    }
  };
}
