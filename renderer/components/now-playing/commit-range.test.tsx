import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { render, type Rendered } from '../../testing/render';

import { CommitRange } from './commit-range';

let view: Rendered | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await view?.unmount();
  view = null;
});

async function mountRange(onCommit: (value: number) => void): Promise<HTMLInputElement> {
  view = await render(
    <CommitRange value={10} max={100} disabled={false} label="Seek" valueText="" testId="range" onCommit={onCommit} />,
  );
  // Fake timers only after mounting: the render helper settles on real ones.
  vi.useFakeTimers();
  return view.byTestId<HTMLInputElement>('range');
}

/** One arrow-key tap the way a browser delivers it: the value moves (input), then the key is released. */
function tap(input: HTMLInputElement, value: number, key = 'ArrowRight'): void {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }));
  });
}

const advance = (ms: number): void => act(() => void vi.advanceTimersByTime(ms));

describe('commit range: keyboard bursts', () => {
  it('commits a burst of arrow-key taps once, with the last value, after the keys go quiet', async () => {
    const onCommit = vi.fn();
    const input = await mountRange(onCommit);
    for (let i = 1; i <= 5; i += 1) {
      tap(input, 10 + i);
      advance(150);
    }
    expect(onCommit).not.toHaveBeenCalled();
    advance(400);
    expect(onCommit.mock.calls).toEqual([[15]]);
    advance(2000);
    expect(onCommit).toHaveBeenCalledTimes(1);
  });

  it('commits at once on Enter or blur, and not again when the quiet period ends', async () => {
    const onCommit = vi.fn();
    const input = await mountRange(onCommit);
    tap(input, 20);
    tap(input, 21);
    act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(onCommit.mock.calls).toEqual([[21]]);

    tap(input, 30);
    act(() => void input.dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(onCommit.mock.calls).toEqual([[21], [30]]);
    advance(1000);
    expect(onCommit).toHaveBeenCalledTimes(2);
  });

  it('commits a burst still pending when it unmounts (a mode switch must not drop the seek)', async () => {
    const onCommit = vi.fn();
    const input = await mountRange(onCommit);
    tap(input, 40);
    tap(input, 41);
    await view?.unmount();
    view = null;
    expect(onCommit.mock.calls).toEqual([[41]]);
    advance(1000);
    expect(onCommit).toHaveBeenCalledTimes(1);
  });
});
