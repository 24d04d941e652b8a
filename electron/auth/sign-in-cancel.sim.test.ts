import { describe, expect, it } from 'vitest';

import { createKit, signInViaProtocol } from '../testing/auth-test-kit';
import { gate, HeldCipher } from '../testing/held-cipher';
import { signInHeldAtFirstWrite, startProtocolSignIn } from '../testing/held-sign-in';
import { settle } from '../testing/manual-clock';
import { VAULT_KEY } from '../tokens/token-vault';

// Cancel pressed while a sign-in's first vault write waits (a macOS keychain prompt is open): the cancelled
// session must never go live, not even for a moment (issue #13 review, MED 2).


const authKinds = (pushed: readonly string[]): string[] => pushed.map((p) => (JSON.parse(p) as { auth: { kind: string } }).auth.kind);
const isCodeExchange = (init?: RequestInit): boolean => typeof init?.body === 'string' && init.body.includes('grant_type=authorization_code');

describe('Cancel while the sign-in’s vault write is under way', () => {
  it('never shows the cancelled session as signed in, and leaves nothing on disk', async () => {
    const { kit, cipher } = await signInHeldAtFirstWrite();
    await kit.service.cancel();
    const mark = kit.pushed.length;
    await cipher.releaseNewestFirst();
    await kit.service.settled();
    await settle(60);
    expect(authKinds(kit.pushed.slice(mark))).not.toContain('signedIn');
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: 'Sign-in cancelled' });
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
    expect(await kit.service.getAccessToken()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('and the app stops before the write lands: the next start finds no session (the vault was never written)', async () => {
    const cipher = new HeldCipher();
    const kit = createKit({ redirectMode: 'protocol', cipher });
    await kit.service.start();
    cipher.holdAfter(0);
    await startProtocolSignIn(kit);
    await settle(60);
    await kit.service.cancel();
    // The process dies here: the held encryption never finishes.
    kit.service.dispose();
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
    const next = createKit({ store: kit.store, clock: kit.clock, sim: kit.sim, redirectMode: 'protocol' });
    await next.service.start();
    expect(next.service.state()).toMatchObject({ kind: 'signedOut' });
    expect(await next.service.getAccessToken()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });
});

describe('Cancel of a second sign-in while its code exchange is out (nothing written yet)', () => {
  it('keeps the session already signed in', async () => {
    const exchanges = gate();
    const kit = createKit({
      redirectMode: 'protocol',
      wrapFetch: (inner) => async (url, init) => {
        if (isCodeExchange(init)) await exchanges.pass();
        return inner(url, init);
      },
    });
    await kit.service.start();
    await signInViaProtocol(kit);
    const before = await kit.service.getAccessToken();
    expect(before.ok).toBe(true);
    exchanges.close();
    await startProtocolSignIn(kit);
    await settle(60);
    expect(kit.service.state().kind).toBe('authorizing');
    await kit.service.cancel();
    exchanges.open();
    await kit.service.settled();
    await settle(60);
    expect(kit.service.state().kind).toBe('signedIn');
    expect(await kit.service.getAccessToken()).toEqual(before);
    expect(kit.store.get(VAULT_KEY)).toBeDefined();
  });
});
