import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from './logger';

describe('logger', () => {
  it('redacts registered secrets wherever they appear', () => {
    const { sink, lines } = memorySink();
    const root = new RootLogger({ sink });
    root.addSecret('BQsecretAccessToken123');
    root.scope('auth').info('got BQsecretAccessToken123 back', { note: 'x BQsecretAccessToken123 y' });
    expect(lines.join('\n')).not.toContain('BQsecretAccessToken123');
    expect(lines[0]).toContain('[auth] got [redacted] back');
  });

  it('redacts token-shaped text and secret-named fields it was never told about', () => {
    const { sink, lines } = memorySink();
    const log = new RootLogger({ sink }).scope('http').child('token');
    log.warn('request failed', {
      url: 'trayplay://callback?code=AQabc123&state=xyz',
      header: 'Authorization: Bearer abc.def-ghi',
      refresh_token: 'AQrefresh',
      body: '{"access_token":"BQzzz","expires_in":3600}',
    });
    const text = lines.join('\n');
    for (const secret of ['AQabc123', 'abc.def-ghi', 'AQrefresh', 'BQzzz']) expect(text).not.toContain(secret);
    expect(text).toContain('[http/token]');
    expect(text).toContain('expires_in');
  });

  it('drops lines below the minimum level', () => {
    const { sink, lines } = memorySink();
    const log = new RootLogger({ sink, minLevel: 'warn' }).scope('x');
    log.info('quiet');
    log.error('loud');
    expect(lines).toHaveLength(1);
  });
});
