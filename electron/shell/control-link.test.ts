import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';

import { ControlInbox } from './control-inbox';
import { CONTROL_COMMANDS, CONTROL_NAMES, findControlRequest, isControlLink, parseControlFlag, parseControlLink } from './control-link';
import { RateLimiter } from './rate-limit';

const ALLOWED_LINKS = new Set(CONTROL_NAMES.flatMap((n) => [`trayplay://control/${n}`, `trayplay://control/${n}/`]));
const ALLOWED_FLAGS = new Set(CONTROL_NAMES.map((n) => `--${n}`));
const lowerPrefix = (url: string) => url.replace(/^trayplay:\/\/control/i, 'trayplay://control');

describe('control links and flags', () => {
  it('maps every allowed link and flag to its command', () => {
    for (const name of CONTROL_NAMES) {
      expect(parseControlLink(`trayplay://control/${name}`)).toMatchObject({ kind: 'command', command: CONTROL_COMMANDS[name] });
      expect(parseControlLink(`TrayPlay://Control/${name}/`)).toMatchObject({ kind: 'command', command: CONTROL_COMMANDS[name] });
      expect(parseControlFlag(`--${name}`)).toMatchObject({ kind: 'command', command: CONTROL_COMMANDS[name] });
    }
  });

  it('refuses near misses: other commands, queries, escapes, extra segments, other case', () => {
    for (const url of [
      'trayplay://control/seek',
      'trayplay://control/next?x=1',
      'trayplay://control/next#a',
      'trayplay://control/next//',
      'trayplay://control/next/extra',
      'trayplay://control/%6Eext',
      'trayplay://control/NEXT',
      'trayplay://control/',
      'trayplay://control',
      `trayplay://control/next${' '.repeat(300)}`,
    ]) {
      expect(parseControlLink(url).kind, url).toBe('rejected');
    }
    expect(parseControlLink('trayplay://callback?code=abc').kind).toBe('none');
    expect(parseControlLink('trayplay://controller/next').kind).toBe('none');
    expect(parseControlFlag('--hidden').kind).toBe('none');
    expect(parseControlFlag('-next').kind).toBe('none');
  });

  it('property: no link but the allowed ones becomes a command', () => {
    const suffix = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...CONTROL_NAMES).chain((n) => fc.string({ maxLength: 4 }).map((s) => n + s)));
    fc.assert(
      fc.property(fc.constantFrom('trayplay://control/', 'TRAYPLAY://CONTROL/', 'trayplay://control', 'trayplay://'), suffix, (prefix, rest) => {
        const url = prefix + rest;
        const parsed = parseControlLink(url);
        return parsed.kind === 'command' ? ALLOWED_LINKS.has(lowerPrefix(url)) : true;
      }),
      { numRuns: 3000 },
    );
  });

  it('property: an argv without an allowed flag or link runs nothing, whatever else it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.string({ maxLength: 12 }).map((s) => `--${s}`), fc.string({ maxLength: 12 }).map((s) => `trayplay://control/${s}`))), (argv) => {
        const parsed = findControlRequest(argv);
        const anyAllowed = argv.some((a) => ALLOWED_FLAGS.has(a) || (isControlLink(a) && ALLOWED_LINKS.has(lowerPrefix(a))));
        return parsed.kind === 'command' ? anyAllowed : !anyAllowed;
      }),
      { numRuns: 3000 },
    );
  });

  it('property: an allowed request is found wherever Chromium put it in argv, and only the first runs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('/opt/Trayplay/trayplay', '--original-process-start-time=1', '--hidden', '.', '--no-sandbox')),
        fc.constantFrom(...CONTROL_NAMES),
        fc.boolean(),
        fc.nat(),
        (noise, name, asLink, at) => {
          const request = asLink ? `trayplay://control/${name}` : `--${name}`;
          const argv: string[] = [...noise];
          argv.splice(at % (argv.length + 1), 0, request);
          const parsed = findControlRequest([...argv, '--next']);
          return parsed.kind === 'command' && parsed.name === name;
        },
      ),
    );
  });
});

describe('rate limiter', () => {
  it('allows a burst, then the refill rate, and survives a clock set back', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 3, perSecond: 2 }, () => now);
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true, false]);
    now += 499;
    expect(limiter.take()).toBe(false);
    now += 1;
    expect(limiter.take()).toBe(true);
    now -= 60_000;
    expect(limiter.take()).toBe(false);
    now += 60_000 + 10_000;
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true, false]);
  });
});

describe('control inbox', () => {
  const setup = () => {
    let now = 0;
    const logs = memorySink();
    const inbox = new ControlInbox({ now: () => now, log: new RootLogger({ sink: logs.sink }).scope('control'), limit: { capacity: 3, perSecond: 1 } });
    const ran: string[] = [];
    return { inbox, ran, logs, tick: (ms: number) => void (now += ms) };
  };

  it('holds a cold-start command until ready, then runs it once', () => {
    const t = setup();
    expect(t.inbox.receiveArgv(['/usr/bin/trayplay', '--no-sandbox', '--play-pause'])).toBe('queued');
    expect(t.ran).toEqual([]);
    t.inbox.ready((command, source) => void t.ran.push(`${command}:${source}`));
    expect(t.ran).toEqual(['playPause:argv']);
    expect(t.inbox.receiveUrl('trayplay://control/next')).toBe('ran');
    expect(t.ran).toEqual(['playPause:argv', 'next:controlLink']);
  });

  it('ignores what is not allowed with a log line, and rate-limits a flood with one line per burst', () => {
    const t = setup();
    t.inbox.ready((command) => void t.ran.push(command));
    expect(t.inbox.receiveUrl('trayplay://control/delete-everything')).toBe('rejected');
    expect(t.logs.lines.filter((l) => l.includes('control request ignored'))).toHaveLength(1);
    expect(t.logs.lines.join('\n')).not.toContain('delete-everything');
    expect(t.inbox.receiveArgv(['trayplay', '--hidden'])).toBe('none');
    const outcomes = Array.from({ length: 20 }, () => t.inbox.receiveUrl('trayplay://control/volume-up'));
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(3);
    expect(t.logs.lines.filter((l) => l.includes('too fast'))).toHaveLength(1);
    t.tick(1_000);
    expect(t.inbox.receiveArgv(['--next'])).toBe('ran');
    expect(t.logs.lines.some((l) => l.includes('accepted again') && l.includes('"ignored":17'))).toBe(true);
  });

  it('drops requests beyond the waiting list while starting, with one log line per burst', () => {
    const t = setup();
    const outcomes = Array.from({ length: 7 }, () => {
      t.tick(1_000);
      return t.inbox.receiveUrl('trayplay://control/next');
    });
    expect(outcomes).toEqual(['queued', 'queued', 'queued', 'queued', 'rateLimited', 'rateLimited', 'rateLimited']);
    const dropped = () => t.logs.lines.filter((l) => l.includes('waiting for start-up'));
    expect(dropped()).toHaveLength(1);
    expect(dropped()[0]).toContain('"command":"next"');
    t.inbox.ready((command) => void t.ran.push(command));
    expect(t.ran).toEqual(['next', 'next', 'next', 'next']);
    expect(t.logs.lines.filter((l) => l.includes('dropped while starting') && l.includes('"dropped":3'))).toHaveLength(1);
  });

  it('a throwing dispatcher is logged, and the inbox keeps working', () => {
    const t = setup();
    t.inbox.ready(() => {
      throw new Error('boom');
    });
    expect(t.inbox.receiveArgv(['--next'])).toBe('ran');
    expect(t.logs.lines.some((l) => l.includes('control request failed'))).toBe(true);
  });
});
