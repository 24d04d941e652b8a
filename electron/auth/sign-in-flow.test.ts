import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';
import type { Clock } from '../ports/clock';

import { SPOTIFY_ENDPOINTS } from './endpoints';
import { SignInFlow, type AttemptOutcome } from './sign-in-flow';

/** A clock whose timers never fire: what a sleeping machine looks like to a pending timeout. */
function frozenTimers(): Clock & { now: () => number; set: (t: number) => void } {
  let t = 1_000_000;
  return { now: () => t, set: (v) => (t = v), setTimeout: () => 1, clearTimeout: () => undefined };
}

function setup() {
  const clock = frozenTimers();
  const { sink, lines } = memorySink();
  const root = new RootLogger({ sink, minLevel: 'debug' });
  const outcomes: AttemptOutcome[] = [];
  const flow = new SignInFlow({ clock, logger: root.scope('sign-in'), secrets: root, onOutcome: (o) => outcomes.push(o) });
  const begun = flow.begin({ mode: 'protocol', clientId: 'c', endpoints: SPOTIFY_ENDPOINTS, redirectUri: 'trayplay://callback' });
  if (!begun.ok) throw new Error('not begun');
  return { clock, flow, outcomes, attempt: begun.value, lines };
}

describe('SignInFlow', () => {
  it('accepts the matching callback once and registers the code as a secret', () => {
    const { flow, outcomes, attempt, lines } = setup();
    const url = `trayplay://callback?code=the-secret-code-123&state=${attempt.state}`;
    expect(flow.receive(url)).toEqual({ accepted: true, message: 'Trayplay received your sign-in.' });
    expect(outcomes).toEqual([{ kind: 'code', attempt, code: 'the-secret-code-123' }]);
    expect(flow.receive(url).accepted).toBe(false);
    expect(outcomes).toHaveLength(1);
    expect(lines.join('\n')).toContain('"replay":true');
    expect(lines.join('\n')).not.toContain('the-secret-code-123');
    expect(lines.join('\n')).not.toContain(attempt.state);
  });

  it('judges lateness by the absolute deadline, even when the timeout timer slept', () => {
    const { flow, outcomes, attempt, clock } = setup();
    clock.set(attempt.expiresAt + 1);
    expect(flow.receive(`trayplay://callback?code=c&state=${attempt.state}`).accepted).toBe(false);
    expect(outcomes).toMatchObject([{ kind: 'ended', code: 'auth_timeout' }]);
  });

  it('refuses a second attempt while one is pending, and allows one after cancel', () => {
    const { flow, outcomes } = setup();
    expect(flow.begin({ mode: 'loopback', clientId: 'c', endpoints: SPOTIFY_ENDPOINTS, redirectUri: 'x' })).toMatchObject({ ok: false, error: { code: 'auth_in_progress' } });
    expect(flow.cancel()).toBe(true);
    expect(outcomes).toMatchObject([{ kind: 'ended', code: 'auth_cancelled' }]);
    expect(flow.cancel()).toBe(false);
    expect(flow.begin({ mode: 'loopback', clientId: 'c', endpoints: SPOTIFY_ENDPOINTS, redirectUri: 'x' }).ok).toBe(true);
  });

  it('ends the attempt on a non-cancel error from Spotify with its name', () => {
    const { flow, outcomes, attempt } = setup();
    flow.receive(`trayplay://callback?error=invalid_scope&state=${attempt.state}`);
    expect(outcomes).toMatchObject([{ kind: 'ended', code: 'auth_failed', notice: 'Spotify refused the sign-in (invalid_scope)' }]);
  });
});
