import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createKit, createSim, signInViaProtocol } from '../testing/auth-test-kit';
import { ManualClock } from '../testing/manual-clock';

import type { RefreshStep } from './token-keeper';

const MIN = 60_000;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * The process model: a refresh runs until `crashAt`, then the "process" stops dead (nothing after that step
 * runs, timers die). A second process starts from the same user-data folder and the same Spotify.
 */
async function crashDuringRefresh(crashAt: RefreshStep, rotate: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'trayplay-crash-'));
  dirs.push(dir);
  const clock = new ManualClock();
  const sim = createSim(clock, { scenario: { rotateRefreshTokens: rotate } });
  let dead = false;
  const step = (s: RefreshStep): Promise<void> => {
    if (s !== crashAt || dead) return Promise.resolve();
    dead = true;
    return new Promise<void>(() => undefined);
  };
  const first = createKit({ clock, sim, dir, redirectMode: 'protocol', refreshStep: step });
  await first.service.start();
  await signInViaProtocol(first);
  await clock.advance(55 * MIN + 1000);
  expect(dead).toBe(true);
  first.service.dispose();

  const second = createKit({ clock, sim, dir });
  await second.service.start();
  await clock.advance(10 * MIN);
  return { second, sim, clock };
}

describe('a crash during a refresh', () => {
  for (const rotate of [false, true]) {
    for (const crashAt of ['before-request', 'persisted', 'in-use'] as const) {
      it(`is survivable at "${crashAt}" with rotation ${rotate ? 'on' : 'off'}: the next start resumes from disk`, async () => {
        const { second, clock } = await crashDuringRefresh(crashAt, rotate);
        expect(second.service.state()).toMatchObject({ kind: 'signedIn' });
        const me = await second.service.authorizedFetch(`${second.service.endpoints().apiBaseUrl}/me`);
        expect(me.ok && me.value.status).toBe(200);
        await clock.advance(3 * 60 * MIN);
        expect(second.service.state()).toMatchObject({ kind: 'signedIn' });
      });
    }
  }

  it('is survivable between receiving and persisting when Spotify does not rotate (the 2026 behaviour)', async () => {
    const { second, clock } = await crashDuringRefresh('response-received', false);
    await clock.advance(3 * 60 * MIN);
    expect(second.service.state()).toMatchObject({ kind: 'signedIn' });
  });

  it('with rotation, a crash inside the write-ahead window ends the session cleanly, with the reason', async () => {
    // The server revoked the old refresh token when it issued the new one, and the new one never reached disk:
    // nothing on the client can recover it. The write-ahead keeps this window to the one atomic write.
    const { second } = await crashDuringRefresh('response-received', true);
    expect(second.service.state()).toEqual({ kind: 'sessionEnded', reason: 'Spotify ended this sign-in — please sign in again' });
  });
});
