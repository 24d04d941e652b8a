import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { MAX_CALLBACK_LENGTH, MAX_PARAM_LENGTH, deniedMessage, parseCallback } from './callback-parser';

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

  const checkTotal = (input: string, expected: string): void => {
    const parsed = parseCallback(input, expected);
    if (parsed.ok) {
      expect(['code', 'denied']).toContain(parsed.value.kind);
      expect(parsed.value.state.length).toBeGreaterThan(0);
    } else {
      expect(KINDS.has(parsed.error.kind)).toBe(true);
      expect(parsed.error.message.length).toBeGreaterThan(0);
    }
  };

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 6000 }), (input) => checkTotal(input, PROTOCOL)), { numRuns: 2000 });
  });

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
  });

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
