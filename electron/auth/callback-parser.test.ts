import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { MAX_CALLBACK_LENGTH, MAX_PARAM_LENGTH, deniedMessage, parseCallback, type Callback } from './callback-parser';

const PROTOCOL = 'trayplay://callback';
const LOOPBACK = 'http://127.0.0.1:49152/callback';

describe('parseCallback', () => {
  it('reads a code and state from the custom scheme', () => {
    expect(parseCallback(`${PROTOCOL}?code=abc&state=s1`, PROTOCOL)).toEqual({ ok: true, value: { kind: 'code', code: 'abc', state: 's1' } });
  });

  it('reads a code from the loopback address with its port', () => {
    expect(parseCallback(`${LOOPBACK}?code=abc&state=s1`, LOOPBACK)).toMatchObject({ ok: true, value: { kind: 'code' } });
  });

  it('turns access_denied into a denial, with the user-facing words', () => {
    const parsed = parseCallback(`${PROTOCOL}?error=access_denied&state=s1`, PROTOCOL);
    expect(parsed).toEqual({ ok: true, value: { kind: 'denied', error: 'access_denied', description: null, state: 's1' } });
    expect(deniedMessage('access_denied')).toBe('You cancelled the sign-in');
  });

  it.each([
    ['another scheme', 'trayplayx://callback?code=a&state=s'],
    ['another host', 'trayplay://callbackx?code=a&state=s'],
    ['another path', 'trayplay://callback/extra?code=a&state=s'],
    ['credentials', 'trayplay://user:pw@callback?code=a&state=s'],
  ])('rejects %s', (_name, url) => {
    expect(parseCallback(url, PROTOCOL)).toMatchObject({ ok: false, error: { kind: 'wrong_target', state: null } });
  });

  it.each([
    ['another port', 'http://127.0.0.1:1234/callback?code=a&state=s'],
    ['localhost', 'http://localhost:49152/callback?code=a&state=s'],
    ['https', 'https://127.0.0.1:49152/callback?code=a&state=s'],
  ])('rejects a loopback reply on %s', (_name, url) => {
    expect(parseCallback(url, LOOPBACK)).toMatchObject({ ok: false, error: { kind: 'wrong_target' } });
  });

  it('rejects a missing state, and a missing code (naming the state so the attempt can end)', () => {
    expect(parseCallback(`${PROTOCOL}?code=a`, PROTOCOL)).toMatchObject({ ok: false, error: { kind: 'missing_param', state: null } });
    expect(parseCallback(`${PROTOCOL}?state=s1`, PROTOCOL)).toMatchObject({ ok: false, error: { kind: 'missing_param', state: 's1' } });
    expect(parseCallback(`${PROTOCOL}?code=&state=s1`, PROTOCOL)).toMatchObject({ ok: false, error: { kind: 'missing_param' } });
  });

  it('rejects repeated parameters', () => {
    expect(parseCallback(`${PROTOCOL}?code=a&code=b&state=s1`, PROTOCOL)).toMatchObject({ ok: false, error: { kind: 'repeated_param', state: 's1' } });
    expect(parseCallback(`${PROTOCOL}?code=a&state=s1&state=s2`, PROTOCOL)).toMatchObject({ ok: false, error: { kind: 'repeated_param', state: null } });
  });

  it('rejects oversized parameters and URLs', () => {
    const big = 'x'.repeat(MAX_PARAM_LENGTH + 1);
    expect(parseCallback(`${PROTOCOL}?code=${big}&state=s1`, PROTOCOL)).toMatchObject({ ok: false, error: { kind: 'oversized_param', state: 's1' } });
    expect(parseCallback(`${PROTOCOL}?code=a&state=${'s'.repeat(MAX_CALLBACK_LENGTH)}`, PROTOCOL)).toMatchObject({ ok: false, error: { kind: 'too_long' } });
  });

  it('rejects a code and an error together', () => {
    expect(parseCallback(`${PROTOCOL}?code=a&error=x&state=s1`, PROTOCOL)).toMatchObject({ ok: false, error: { kind: 'conflicting_params' } });
  });

  it('never echoes parameter values in its messages', () => {
    const parsed = parseCallback(`${PROTOCOL}?code=SECRETCODE&code=SECRETCODE2&state=s1`, PROTOCOL);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).not.toContain('SECRET');
  });

  it('ignores parameters it does not know', () => {
    expect(parseCallback(`${PROTOCOL}?code=a&state=s1&extra=1&extra=2`, PROTOCOL)).toMatchObject({ ok: true });
  });
});

describe('parseCallback under fuzzing', () => {
  const KINDS = new Set(['not_a_url', 'too_long', 'wrong_target', 'missing_param', 'repeated_param', 'oversized_param', 'conflicting_params']);

  /** An accepted reply must be exactly what the URL says, checked against the platform's own URL parser. */
  const expectExact = (input: string, expected: string, value: Callback): void => {
    const url = new URL(input);
    const target = new URL(expected);
    expect([url.protocol, url.host, url.pathname, url.username, url.password]).toEqual([target.protocol, target.host, target.pathname, '', '']);
    const query = new URLSearchParams(url.search);
    expect(query.getAll('state')).toEqual([value.state]);
    const nonEmpty = (name: string) => query.getAll(name).filter((v) => v !== '');
    if (value.kind === 'code') {
      expect(query.getAll('code')).toEqual([value.code]);
      expect(nonEmpty('error')).toEqual([]);
    } else {
      expect(query.getAll('error')).toEqual([value.error]);
      expect(nonEmpty('code')).toEqual([]);
      const description = query.getAll('error_description');
      expect(value.description).toBe(description[0] ? description[0] : null);
    }
  };

  const checkTotal = (input: string, expected: string): void => {
    const parsed = parseCallback(input, expected);
    if (parsed.ok) {
      expectExact(input, expected, parsed.value);
    } else {
      expect(KINDS.has(parsed.error.kind)).toBe(true);
      expect(parsed.error.message.length).toBeGreaterThan(0);
    }
  };

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 6000 }), (input) => checkTotal(input, PROTOCOL)), { numRuns: 2000 });
  }, 30_000);

  it('never throws on arbitrary full-unicode and URL-ish strings', () => {
    const urlish = fc
      .tuple(
        fc.constantFrom('trayplay://callback', 'trayplay://Callback', 'http://127.0.0.1:49152/callback', 'trayplay:', ''),
        fc.array(
          fc.tuple(fc.constantFrom('code', 'state', 'error', 'error_description', 'x', ''), fc.string({ unit: 'grapheme', maxLength: 40 })),
          { maxLength: 8 },
        ),
        fc.string({ maxLength: 20 }),
      )
      .map(([base, params, tail]) => `${base}?${params.map(([k, v]) => `${k}=${v}`).join('&')}${tail}`);
    fc.assert(
      fc.property(urlish, fc.constantFrom(PROTOCOL, LOOPBACK, 'not a url'), (input, expected) => checkTotal(input, expected)),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => checkTotal(input, LOOPBACK)), { numRuns: 1000 });
  }, 30_000);

  it('accepts URL-ish replies only when they are exactly right, and some are accepted', () => {
    const value = fc.string({ unit: fc.constantFrom(...'abZ09-._~%&=+ '), maxLength: 12 });
    const reply = fc
      .tuple(
        fc.constantFrom(PROTOCOL, LOOPBACK, 'trayplay://callback/', 'trayplay://other', 'http://127.0.0.1:1/callback'),
        fc.array(fc.tuple(fc.constantFrom('code', 'state', 'error', 'error_description', 'x'), value), { minLength: 1, maxLength: 5 }),
      )
      .map(([base, params]) => `${base}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`);
    let accepted = 0;
    fc.assert(
      fc.property(reply, fc.constantFrom(PROTOCOL, LOOPBACK), (input, expected) => {
        const parsed = parseCallback(input, expected);
        if (parsed.ok) accepted += 1;
        checkTotal(input, expected);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(0);
  }, 30_000);

  it('accepts exactly the well-formed replies, and returns the state they carried', () => {
    const token = fc.string({ unit: fc.constantFrom(...'abcXYZ019-._~'), minLength: 1, maxLength: 100 });
    fc.assert(
      fc.property(token, token, (code, state) => {
        const parsed = parseCallback(`${PROTOCOL}?code=${code}&state=${state}`, PROTOCOL);
        expect(parsed).toEqual({ ok: true, value: { kind: 'code', code, state } });
      }),
    );
  });
});
