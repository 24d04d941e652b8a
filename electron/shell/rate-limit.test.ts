import { describe, expect, it } from 'vitest';

import { RateLimiter } from './rate-limit';

describe('rate limiter', () => {
  const setup = () => {
    let now = Date.UTC(2026, 11, 2, 12, 0, 0);
    const limiter = new RateLimiter({ capacity: 2, perSecond: 1 }, () => now);
    return { limiter, move: (ms: number) => void (now += ms) };
  };

  it('lets a burst through, then refills at its rate', () => {
    const t = setup();
    expect([t.limiter.take(), t.limiter.take(), t.limiter.take()]).toEqual([true, true, false]);
    t.move(999);
    expect(t.limiter.take()).toBe(false);
    t.move(1);
    expect(t.limiter.take()).toBe(true);
  });

  it('after the wall clock is set back, starts a fresh window instead of waiting for the old time', () => {
    const t = setup();
    t.limiter.take();
    t.limiter.take();
    t.move(-3_600_000);
    // Setting the clock back refills nothing…
    expect(t.limiter.take()).toBe(false);
    // …but time counts again from the new clock.
    t.move(1_000);
    expect(t.limiter.take()).toBe(true);
    t.move(2_000);
    expect([t.limiter.take(), t.limiter.take(), t.limiter.take()]).toEqual([true, true, false]);
  });
});
