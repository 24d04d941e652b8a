import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';

import { ControlInbox } from './control-inbox';
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
});
