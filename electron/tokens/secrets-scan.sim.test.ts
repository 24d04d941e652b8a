import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { approveInBrowser, createKit, createSim } from '../testing/auth-test-kit';
import type { HttpFetch } from '../ports/http';
import { ManualClock } from '../testing/manual-clock';

const MIN = 60_000;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Records every secret that crosses the wire: codes, verifiers, access and refresh tokens. */
function capturingFetch(secrets: Set<string>) {
  return (inner: HttpFetch): HttpFetch =>
    async (url, init) => {
      const body = typeof init?.body === 'string' ? new URLSearchParams(init.body) : null;
      for (const key of ['code', 'code_verifier', 'refresh_token']) {
        const value = body?.get(key);
        if (value) secrets.add(value);
      }
      const response = await inner(url, init);
      if (url.includes('/api/token')) {
        const json = (await response.clone().json()) as Record<string, unknown>;
        for (const key of ['access_token', 'refresh_token']) if (typeof json[key] === 'string') secrets.add(json[key]);
      }
      return response;
    };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('tokens never leak', () => {
  it('appear nowhere in the user-data folder, the logs or the payloads sent to the renderer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trayplay-secrets-'));
    dirs.push(dir);
    const clock = new ManualClock();
    const sim = createSim(clock, { scenario: { rotateRefreshTokens: true } });
    const secrets = new Set<string>();
    const kit = createKit({ clock, sim, dir, redirectMode: 'loopback', wrapFetch: capturingFetch(secrets) });
    await kit.service.start();
    await kit.service.signIn();
    const location = await approveInBrowser(kit);
    secrets.add(new URL(location).searchParams.get('code')!);
    await fetch(location);
    await kit.service.settled();
    expect(kit.service.state().kind).toBe('signedIn');

    // Hours of refreshes with rotation, a 401 forcing a refresh, and a 5xx burst on the way.
    sim.control.injectFault({ unauthorizedAfterRefresh: 1 });
    await clock.advance(60 * MIN);
    await kit.service.authorizedFetch(`${kit.service.endpoints().apiBaseUrl}/me/player`);
    sim.control.injectFault({ serverErrors: { count: 3, status: 503 }, target: 'accounts' });
    await clock.advance(3 * 60 * MIN);
    // A forged callback with a secret-looking code must not be logged either.
    kit.service.handleProtocolUrl('trayplay://callback?code=forged-code-1234567890&state=nope');
    secrets.add('forged-code-1234567890');

    expect(secrets.size).toBeGreaterThan(6);
    const disk = filesUnder(dir).map((f) => readFileSync(f, 'utf8'));
    expect(disk.length).toBeGreaterThan(0);
    const haystacks = { disk: disk.join('\n'), logs: kit.lines.join('\n'), renderer: kit.pushed.join('\n') };
    expect(kit.lines.length).toBeGreaterThan(5);
    for (const secret of secrets) {
      for (const [where, text] of Object.entries(haystacks)) expect(text.includes(secret), `${where} holds a secret`).toBe(false);
    }

    await kit.service.signOut();
    const after = filesUnder(dir).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(after).not.toContain('ciphertext');
  });
});
