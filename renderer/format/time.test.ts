import { describe, expect, it } from 'vitest';

import { formatDuration, formatIn, secondsUntil } from './time';

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [1000, '0:01'],
    [61_000, '1:01'],
    [599_999, '9:59'],
    [3_600_000, '1:00:00'],
    [3_725_000, '1:02:05'],
    [-5000, '0:00'],
    [Number.NaN, '0:00'],
    [Number.POSITIVE_INFINITY, '0:00'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('secondsUntil / formatIn', () => {
  it('rounds up and never goes negative', () => {
    expect(secondsUntil(1001, 0)).toBe(2);
    expect(secondsUntil(1000, 0)).toBe(1);
    expect(secondsUntil(0, 5000)).toBe(0);
  });

  it('picks a readable unit', () => {
    expect(formatIn(42_000, 0)).toBe('in 42 s');
    expect(formatIn(3 * 60_000, 0)).toBe('in 3 min');
    expect(formatIn(5 * 3_600_000, 0)).toBe('in 5 h');
    expect(formatIn(5 * 86_400_000, 0)).toBe('in 5 days');
  });
});
