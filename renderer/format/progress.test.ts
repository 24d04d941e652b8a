import { describe, expect, it } from 'vitest';

import { interpolateProgress, progressFraction } from './progress';

const base = { progressMs: 10_000, observedAt: 1_000_000, isPlaying: true, durationMs: 60_000 };

describe('interpolateProgress', () => {
  it('adds the time since the observation while playing', () => {
    expect(interpolateProgress(base, 1_002_500)).toBe(12_500);
  });

  it('stands still while paused', () => {
    expect(interpolateProgress({ ...base, isPlaying: false }, 1_100_000)).toBe(10_000);
  });

  it('is capped at the duration', () => {
    expect(interpolateProgress(base, 2_000_000)).toBe(60_000);
    expect(interpolateProgress({ ...base, isPlaying: false, progressMs: 70_000 }, 1_000_000)).toBe(60_000);
  });

  it('does not rewind when the clock is behind the observation', () => {
    expect(interpolateProgress(base, 999_000)).toBe(10_000);
  });

  it('has no upper bound without a duration (ads)', () => {
    expect(interpolateProgress({ ...base, durationMs: null }, 1_100_000)).toBe(110_000);
  });
});

describe('progressFraction', () => {
  it('is a clamped 0..1 fraction', () => {
    expect(progressFraction(30_000, 60_000)).toBe(0.5);
    expect(progressFraction(90_000, 60_000)).toBe(1);
    expect(progressFraction(-1, 60_000)).toBe(0);
    expect(progressFraction(5, null)).toBe(0);
    expect(progressFraction(5, 0)).toBe(0);
  });
});
