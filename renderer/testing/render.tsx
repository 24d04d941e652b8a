import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  readonly container: HTMLElement;
  /** The element with this `data-testid`, or a thrown error naming it. */
  byTestId<T extends HTMLElement = HTMLElement>(id: string): T;
  queryByTestId<T extends HTMLElement = HTMLElement>(id: string): T | null;
  allByTestId<T extends HTMLElement = HTMLElement>(id: string): T[];
  rerender(element: ReactElement): Promise<void>;
  unmount(): Promise<void>;
}

/** Renders into a fresh container with react-dom and waits for effects and pending replies. */
export async function render(element: ReactElement): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root | null = null;
  await act(async () => {
    root = createRoot(container);
    root.render(element);
    await Promise.resolve();
  });
  await flush();
  const query = <T extends HTMLElement>(id: string): T | null => container.querySelector<T>(`[data-testid="${id}"]`);
  return {
    container,
    byTestId: <T extends HTMLElement>(id: string): T => {
      const found = query<T>(id);
      if (found === null) throw new Error(`no element with data-testid="${id}"`);
      return found;
    },
    queryByTestId: query,
    allByTestId: <T extends HTMLElement>(id: string): T[] => [
      ...container.querySelectorAll<T>(`[data-testid="${id}"]`),
    ],
    rerender: async (next) => {
      await act(async () => {
        root?.render(next);
        await Promise.resolve();
      });
    },
    unmount: async () => {
      await act(async () => {
        root?.unmount();
        await Promise.resolve();
      });
      container.remove();
    },
  };
}

/** Lets pending promises (fake replies) settle inside act. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await act(async () => {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    });
  }
}

export async function click(element: Element): Promise<void> {
  await act(async () => {
    (element as HTMLElement).click();
    await Promise.resolve();
  });
  await flush();
}

/** Types into an input the way React notices (native setter, then an `input` event). */
export async function type(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    // React tracks the value on the element itself: only the prototype's setter counts as user input.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await Promise.resolve();
  });
}

export async function keyUp(element: Element, key: string): Promise<void> {
  await act(async () => {
    element.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }));
    await Promise.resolve();
  });
  await flush();
}

export async function keyDown(element: Element, key: string): Promise<void> {
  await act(async () => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    await Promise.resolve();
  });
  await flush();
}

/** Runs something that updates React state (a push from main, a resolved reply) inside act, then settles. */
export async function perform(fn: () => void): Promise<void> {
  await act(async () => {
    fn();
    await Promise.resolve();
  });
  await flush();
}
