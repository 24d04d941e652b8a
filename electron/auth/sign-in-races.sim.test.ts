import { describe, expect, it } from 'vitest';

import { MemoryStore } from '../adapters/memory-store';
import { SettingsStore } from '../settings/settings-store';
import { createKit, signInViaProtocol } from '../testing/auth-test-kit';
import { gate, HeldCipher, vaultTokens } from '../testing/held-cipher';
import { signInHeldAtFirstWrite, startProtocolSignIn } from '../testing/held-sign-in';
import { settle } from '../testing/manual-clock';
import { VAULT_KEY } from '../tokens/token-vault';

// Review findings on the sign-in half of issue #13 (items D1, D3, D4, D5 of the auth brief).


const isCodeExchange = (init?: RequestInit): boolean => typeof init?.body === 'string' && init.body.includes('grant_type=authorization_code');

describe('cancelling a sign-in while its vault write is pending', () => {
  it('a second sign-in started afterwards completes (it is not left "authorizing" for good)', async () => {
    const cipher = new HeldCipher();
    const exchanges = gate();
    const kit = createKit({
      redirectMode: 'protocol',
      cipher,
      wrapFetch: (inner) => async (url, init) => {
        if (isCodeExchange(init)) await exchanges.pass();
        return inner(url, init);
      },
    });
    await kit.service.start();
    cipher.holdAfter(0);
    await startProtocolSignIn(kit);
    await settle(60);
    expect(cipher.waiting).toBe(1);
    await kit.service.cancel();
    // Attempt B's code exchange is out while A's write lands.
    exchanges.close();
    await startProtocolSignIn(kit);
    await settle(60);
    await cipher.releaseNewestFirst();
    exchanges.open();
    await settle(60);
    await kit.service.settled();
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn', account: { displayName: 'Demo Listener' } });
    const live = await kit.service.getAccessToken();
    expect(live.ok).toBe(true);
    expect((await vaultTokens(kit))?.accessToken).toBe(live.ok ? live.value : 'none');
  });

  it('ends signed out with nothing on disk once the cancelled write lands', async () => {
    const { kit, cipher } = await signInHeldAtFirstWrite();
    await kit.service.cancel();
    await cipher.releaseNewestFirst();
    await kit.service.settled();
    await settle(60);
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: 'Sign-in cancelled' });
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
    expect(await kit.service.getAccessToken()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });
});

describe('the account name', () => {
  it('of a session signed out while its profile was loading is not given to the next session', async () => {
    const profiles = gate();
    let first = true;
    const kit = createKit({
      redirectMode: 'protocol',
      wrapFetch: (inner) => async (url, init) => {
        const response = await inner(url, init);
        // Holds the first session's profile answer (already made, with the first name) on its way back.
        if (url.endsWith('/me') && first) {
          first = false;
          await profiles.pass();
        }
        return response;
      },
    });
    await kit.service.start();
    profiles.close();
    await startProtocolSignIn(kit);
    await settle(60);
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn', account: { displayName: 'Spotify account' } });
    await kit.service.signOut();
    kit.sim.control.setScenario({ accountName: 'Second Listener' });
    await signInViaProtocol(kit);
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn', account: { displayName: 'Second Listener' } });
    profiles.open();
    await settle(60);
    await kit.service.settled();
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn', account: { displayName: 'Second Listener' } });
    expect(await vaultTokens(kit)).toMatchObject({ account: { displayName: 'Second Listener' } });
  });
});

describe('demo mode and the real account', () => {
  it('leaves the real account’s vault on disk: stored session, start in demo mode, quit', async () => {
    const store = new MemoryStore();
    const real = createKit({ store, redirectMode: 'protocol' });
    await real.service.start();
    await signInViaProtocol(real);
    real.service.dispose();
    const blob = JSON.stringify(store.get(VAULT_KEY));
    // The next launch has no Client ID (e.g. a build without one and the setting gone): demo mode.
    new SettingsStore(store, { logger: real.logger.scope('settings') }).setClientId(null);
    const demo = createKit({ store, clock: real.clock, clientId: null, demo: true });
    await demo.service.start();
    expect(demo.service.state()).toEqual({ kind: 'demo' });
    await demo.service.settled();
    demo.service.dispose();
    expect(JSON.stringify(store.get(VAULT_KEY))).toBe(blob);
  });
});

describe('a listener that throws', () => {
  it('neither breaks the auth service nor keeps the other listeners from hearing', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    kit.service.onChange(() => {
      throw new Error('listener bug');
    });
    await kit.service.start();
    await signInViaProtocol(kit);
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn' });
    expect(kit.pushed.some((json) => json.includes('"signedIn"'))).toBe(true);
    expect(kit.lines.join('\n')).toContain('listener bug');
  });
});

