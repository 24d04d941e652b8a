import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';
import { appStateFixture } from '../testing/app-state-fixture';

import { buildDiagnostics, RecentProblems, scrub } from './diagnostics';

describe('diagnostics', () => {
  const build = (problems: RecentProblems) =>
    buildDiagnostics({
      info: { name: 'Trayplay', version: '1.2.3', platform: 'linux', shell: 'electron', demo: false },
      versions: { electron: '45.4.1', node: '22.1.0', chrome: undefined },
      os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
      session: 'wayland',
      state: appStateFixture({ auth: { kind: 'signedOut' } as never }),
      problems: problems.list(),
    });

  it('says versions, OS, state kinds and recent problems', () => {
    const problems = new RecentProblems(2);
    const logger = new RootLogger({ sink: problems.sink });
    const log = logger.scope('playback');
    log.info('not kept');
    log.warn('first');
    log.error('command failed', { command: 'next', error: 'network' });
    log.error('third');
    const text = build(problems);
    expect(text).toMatch(/^Trayplay 1\.2\.3 \(electron\)/);
    expect(text).toContain('electron 45.4.1, node 22.1.0');
    expect(text).toContain('OS: linux 6.1.0 x64; session wayland');
    expect(text).toContain('Playback: idle');
    expect(text).toContain('Recent problems (2):');
    expect(text).toContain('[playback] command failed {"command":"next","error":"network"}');
    expect(text).not.toContain('first');
    expect(text).not.toContain('not kept');
  });

  it('never carries a token, code, Client ID, account id or e-mail, even where the logger let one through', () => {
    const problems = new RecentProblems();
    const lines = memorySink();
    const logger = new RootLogger({ sink: (line, record) => (problems.sink(line, record), lines.sink(line, record)) });
    const log = logger.scope('auth');
    const token = 'BQD4x9Z_' + 'a'.repeat(60);
    log.warn(`refresh failed for spotify:user:alice1984 with client 0123456789abcdef0123456789abcdef`);
    log.error('callback rejected', { url: 'http://127.0.0.1:5173/callback?code=AQBsecretcode&state=xyz', user: 'alice@example.com', id: 'alice1984' });
    log.error(`stray ${token}`);
    const text = build(problems);
    for (const secret of ['alice1984', '0123456789abcdef0123456789abcdef', 'AQBsecretcode', 'xyz', 'alice@example.com', token]) {
      expect(text).not.toContain(secret);
    }
    expect(scrub('see https://api.spotify.com/v1/me?market=SE')).toBe('see https://api.spotify.com/v1/me?[redacted]');
  });

  it('carries no token nested deep in a recent error record, in its field names, or in a state field', () => {
    const problems = new RecentProblems();
    const logger = new RootLogger({ sink: problems.sink });
    const log = logger.scope('auth/refresh');
    // Registered secrets need not look like tokens (opaque short-lived values, the web preview's launch secret).
    const access = 'opaque-access-7f3k2q';
    const refresh = 'AQ' + 'r'.repeat(70);
    logger.addSecret(access);
    logger.addSecret(refresh);
    log.error('refresh failed', {
      cause: { response: { body: { detail: `token ${access} expired`, attempts: [{ sent: `Bearer ${access}` }] } } },
      deeper: { a: { b: { c: { d: { e: refresh } } } } },
      [access]: 'a secret used as a field name',
      nested: { [`x-${access}`]: 1 },
    });
    log.warn('line\u2028FORGED 2026-01-01T00:00:00.000Z ERROR [auth] fake', { note: 'field\u2028FORGED\u0085too' });
    const state = appStateFixture({
      auth: { kind: 'signedOut', message: `Sign-in failed: ${refresh}` } as never,
      playback: { nowPlaying: { kind: 'unavailable', reason: 'error', message: `bad token ${access}`, retryAt: null }, notice: { kind: 'stale', message: access, retryAt: null } },
    });
    const text = buildDiagnostics({
      info: { name: 'Trayplay', version: '1.2.3', platform: 'linux', shell: 'electron', demo: false },
      versions: { electron: '45.4.1' },
      os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
      session: 'x11',
      state: { ...state, desktop: { ...state.desktop, hotkeys: [{ command: 'next', accelerator: 'Ctrl+Alt+N', status: { kind: 'failed', reason: `refused ${access}` } }] } },
      problems: problems.list(),
    });
    for (const secret of [access, refresh, 'opaque-access']) expect(text).not.toContain(secret);
    expect(text).toContain('[auth/refresh] refresh failed');
    expect(text).toContain('Hotkeys: next=failed');
    // One problem, one line: nothing in a record can forge another line of the report.
    expect(text.split(/[\n\u2028\u2029\u0085]/).filter((line) => line.includes('FORGED'))).toHaveLength(1);
  });
});
