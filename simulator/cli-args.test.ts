import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('defaults: a free port, the control API on, no extra clients', () => {
    expect(parseCliArgs([])).toEqual({ ok: true, options: { port: 0, host: '127.0.0.1', clients: [], scenario: {}, controlApi: true, seed: undefined } });
  });

  it('parses every option, both "--flag value" and "--flag=value"', () => {
    const parsed = parseCliArgs([
      '--port', '8899', '--client', 'abc123=myapp://cb,http://127.0.0.1/cb', '--client=def=https://x.example/cb',
      '--scenario', 'free', '--rotate', '--rate-limit=20', '--quota', '500', '--auto-approve', '--no-control', '--latency', '40', '--idle', '--seed', '9',
      '--quirky-command-bodies', '--user-not-allow-listed', '--owner-not-premium',
    ]);
    expect(parsed).toEqual({
      ok: true,
      options: {
        port: 8899,
        host: '127.0.0.1',
        clients: [
          { clientId: 'abc123', redirectUris: ['myapp://cb', 'http://127.0.0.1/cb'] },
          { clientId: 'def', redirectUris: ['https://x.example/cb'] },
        ],
        scenario: {
          product: 'free', rotateRefreshTokens: true, rateLimitPer30s: 20, quota: 500, autoApprove: true, latencyMs: 40, startPlaying: false,
          quirkyCommandBodies: true, userAllowListed: false, ownerPremium: false,
        },
        controlApi: false,
        seed: 9,
      },
    });
  });

  it('rejects bad options with a clear message', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--port', 'abc'], /--port needs a non-negative integer/],
      [['--port', '70000'], /--port is out of range/],
      [['--port'], /--port/],
      [['--client', 'noequals'], /ID=REDIRECT_URI/],
      [['--client', 'id=not a uri'], /invalid redirect URI/],
      [['--client', 'id='], /invalid redirect URI/],
      [['--scenario', 'gold'], /free or premium/],
      [['--rate-limit', '-5'], /--rate-limit/],
      [['--bogus'], /unknown option --bogus/],
    ];
    for (const [argv, message] of cases) {
      const parsed = parseCliArgs(argv);
      expect(parsed.ok).toBe(false);
      if (parsed.ok === false) expect(parsed.error).toMatch(message);
    }
  });

  it('--help asks for the usage text', () => {
    expect(parseCliArgs(['--help'])).toEqual({ ok: 'help' });
  });
});
