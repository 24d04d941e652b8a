import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';
import { noPowerEvents } from '../ports/power-events';
import { ManualClock } from '../testing/manual-clock';

import { RefreshScheduler, TICK_MS, type Refreshable } from './refresh-scheduler';

function keeper(): Refreshable & { checks: number } {
  const k = {
    checks: 0,
    nextDueAt: () => null,
    refreshIfDue: () => {
      k.checks += 1;
      return Promise.resolve();
    },
    wake: () => undefined,
  };
  return k;
}

describe('RefreshScheduler', () => {
  it('bug 4: keeps ticking after the tick hook throws, and lets no rejection escape', async () => {
    const clock = new ManualClock();
    const { sink, lines } = memorySink();
    const logger = new RootLogger({ sink, minLevel: 'debug', now: () => clock.now() }).scope('scheduler');
    const k = keeper();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const scheduler = new RefreshScheduler({
        clock,
        power: noPowerEvents,
        keeper: k,
        logger,
        onTick: () => {
          throw new Error('listener bug');
        },
      });
      scheduler.start();
      await clock.advance(0);
      expect(k.checks).toBe(1);
      await clock.advance(3 * TICK_MS);
      expect(k.checks).toBe(4);
      expect(clock.pending).toBe(1);
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(lines.join('\n')).toContain('threw');
      scheduler.stop();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('keeps ticking after the refresh check rejects', async () => {
    const clock = new ManualClock();
    const logger = new RootLogger({ sink: () => undefined }).scope('scheduler');
    const k = keeper();
    k.refreshIfDue = () => {
      k.checks += 1;
      return Promise.reject(new Error('keeper bug'));
    };
    const scheduler = new RefreshScheduler({ clock, power: noPowerEvents, keeper: k, logger });
    scheduler.start();
    await clock.advance(2 * TICK_MS);
    expect(k.checks).toBe(3);
    scheduler.stop();
    expect(clock.pending).toBe(0);
  });
});
