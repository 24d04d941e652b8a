import { describe, expect, it } from 'vitest';

import { firstShowing, trackChangeDelays } from './playback-common';

// The delay bookkeeping the listening-session benchmarks share (playback-session, mpris-session).

const sample = (t: number, uri: string) => ({ t, uri });
const showsUri = (s: { uri: string }, uri: string | null) => s.uri === uri;

describe('benchmark delay bookkeeping', () => {
  it('firstShowing: the delay, else missed (seen, never shown) or superseded (nothing seen before the next event)', () => {
    const timeline = [sample(100, 'a'), sample(250, 'b')];
    expect(firstShowing(timeline, 200, 1_000, (s) => s.uri === 'b')).toBe(50);
    expect(firstShowing(timeline, 50, 1_000, (s) => s.uri === 'c')).toBe('missed');
    expect(firstShowing(timeline, 300, 1_000, (s) => s.uri === 'b')).toBe('superseded');
  });

  it('trackChangeDelays: per natural track change until the next external event or 2 min, superseded apart from missed', () => {
    const timeline = [sample(1_000, 'a'), sample(10_400, 'b'), sample(20_000, 'b'), sample(300_000, 'd')];
    const boundaries = [
      { at: 10_000, itemUri: 'b' }, // shown after 400 ms
      { at: 19_000, itemUri: 'c' }, // observed (b) but never c before the next event: missed
      { at: 50_000, itemUri: 'x' }, // nothing observed before the next event at 60 s: superseded
      { at: 100_000, itemUri: 'y' }, // nothing within the 2 min window: superseded
    ];
    const result = trackChangeDelays(timeline, boundaries, [40_000, 60_000], showsUri);
    expect(result.delays).toEqual([400]);
    expect(result.missed).toEqual([{ boundaryAt: 19_000, to: 'c' }]);
    expect(result.superseded).toBe(2);
  });
});
