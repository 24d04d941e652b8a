import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';

import { ControlInbox, REFUSAL_BURST_MS } from './control-inbox';
import { RecentProblems } from './diagnostics';
import type { ShellCommand } from './shell-command';

const inbox = () => {
  const logs = memorySink();
  const box = new ControlInbox({ now: () => 0, log: new RootLogger({ sink: logs.sink }).scope('control') });
  const ran: ShellCommand[] = [];
  return { box, logs, ran };
};

describe('control inbox', () => {
  it('once closed, runs nothing: neither new requests nor those waiting for start-up', () => {
    const t = inbox();
    expect(t.box.receiveUrl('trayplay://control/next')).toBe('queued');
    t.box.close();
    expect(t.box.receiveUrl('trayplay://control/previous')).toBe('closed');
    expect(t.box.receiveArgv(['trayplay', '--play-pause'])).toBe('closed');
    t.box.ready((command) => void t.ran.push(command));
    expect(t.ran).toEqual([]);
    expect(t.logs.lines.filter((l) => l.includes('ignored: quitting'))).toHaveLength(1);
    expect(t.logs.lines.filter((l) => l.includes('dropped: quitting'))).toHaveLength(1);
  });

  it('logs a flood of refused links once per burst, so they do not push real problems out of diagnostics', () => {
    const problems = new RecentProblems();
    const logs = memorySink();
    const logger = new RootLogger({ sink: (line, record) => (problems.sink(line, record), logs.sink(line, record)) });
    logger.scope('auth').error('refresh failed', { code: 'x' });
    let now = 0;
    const box = new ControlInbox({ now: () => now, log: logger.scope('control') });
    box.ready(() => undefined);
    for (let i = 0; i < 1000; i += 1) expect(box.receiveUrl('trayplay://control/bogus')).toBe('rejected');
    const warned = () => logs.lines.filter((l) => l.includes('control request ignored')).length;
    expect(warned()).toBe(1);
    expect(problems.list().some((l) => l.includes('refresh failed'))).toBe(true);
    // A request that gets through does not end the burst: bogus links interleaved with good ones must not get
    // a warn line each.
    expect(box.receiveUrl('trayplay://control/next')).toBe('ran');
    for (let i = 0; i < 200; i += 1) {
      box.receiveUrl('trayplay://control/bogus');
      now += 50;
      box.receiveUrl('trayplay://control/next');
    }
    expect(warned()).toBe(1);
    expect(problems.list().some((l) => l.includes('refresh failed'))).toBe(true);
    // Only a quiet spell ends the burst; the next request then says how many were left unlogged.
    now += REFUSAL_BURST_MS;
    expect(box.receiveUrl('trayplay://control/next')).toBe('ran');
    expect(logs.lines.some((l) => l.includes('control requests ignored') && l.includes('1199'))).toBe(true);
    box.receiveArgv(['trayplay', '--bogus-flag', 'trayplay://control/nope']);
    expect(warned()).toBe(2);
  });
});
