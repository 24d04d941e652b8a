import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';

import { callSafely, Emitter } from './emitter';

describe('Emitter', () => {
  it('runs every listener even when one throws, and logs the throw', () => {
    const { sink, lines } = memorySink();
    const logger = new RootLogger({ sink, minLevel: 'debug', now: () => 0 }).scope('test');
    const emitter = new Emitter<[number]>(logger, 'state listener');
    const heard: number[] = [];
    emitter.on(() => {
      throw new Error('boom');
    });
    emitter.on((n) => heard.push(n));
    expect(() => emitter.emit(7)).not.toThrow();
    expect(heard).toEqual([7]);
    expect(lines.join('\n')).toContain('state listener threw');
  });

  it('stops calling a listener once it is removed', () => {
    const emitter = new Emitter();
    let calls = 0;
    const off = emitter.on(() => (calls += 1));
    emitter.emit();
    off();
    emitter.emit();
    expect(calls).toBe(1);
    expect(emitter.size).toBe(0);
  });

  it('callSafely swallows and logs', () => {
    const { sink, lines } = memorySink();
    const logger = new RootLogger({ sink, minLevel: 'debug', now: () => 0 }).scope('test');
    expect(() =>
      callSafely(logger, 'tick hook', () => {
        throw new Error('x');
      }),
    ).not.toThrow();
    expect(lines.join('\n')).toContain('tick hook threw');
  });
});
