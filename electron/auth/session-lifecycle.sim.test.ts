import { describe, expect, it } from 'vitest';

import { MemoryStore } from '../adapters/memory-store';
import { TestOnlyCipher } from '../adapters/test-cipher';
import { createKit, signInViaProtocol } from '../testing/auth-test-kit';
import { HeldCipher, vaultTokens } from '../testing/held-cipher';
import { signInHeldAtFirstWrite, startProtocolSignIn } from '../testing/held-sign-in';
import { settle } from '../testing/manual-clock';
import { VAULT_KEY } from '../tokens/token-vault';

// Issue #13 bug 1 and the suspected session races, and issue #8 item 6: every vault write and wipe of one
// session goes through one queue, and sign-out always wins.


describe('bug 1: sign-out during a vault write', () => {
  it('signing out during the first write stays signed out, with nothing on disk', async () => {
    const { kit, cipher } = await signInHeldAtFirstWrite();
    await kit.service.signOut();
    await cipher.releaseNewestFirst();
    await kit.service.settled();
    await settle();
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: null });
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
    expect(await kit.service.getAccessToken()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('signing out during the account-name write leaves nothing on disk for the next launch', async () => {
    const cipher = new HeldCipher();
    const store = new MemoryStore();
    const kit = createKit({ redirectMode: 'protocol', cipher, store });
    await kit.service.start();
    // The first write goes through; the account's waits at the cipher.
    cipher.holdAfter(1);
    await startProtocolSignIn(kit);
    await settle(60);
    expect(cipher.waiting).toBe(1);
    await kit.service.signOut();
    await cipher.releaseNewestFirst();
    await kit.service.settled();
    await settle();
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: null });
    expect(store.get(VAULT_KEY)).toBeUndefined();
    const next = createKit({ store, clock: kit.clock, sim: kit.sim });
    await next.service.start();
    expect(next.service.state()).toEqual({ kind: 'signedOut', notice: null });
  });

  it('shows the sign-in as still in progress (not signed out) until the first write is durable', async () => {
    const { kit, cipher } = await signInHeldAtFirstWrite();
    expect(kit.service.state().kind).toBe('authorizing');
    expect(await kit.service.signIn()).toMatchObject({ ok: false, error: { code: 'auth_in_progress' } });
    await cipher.releaseNewestFirst();
    await kit.service.settled();
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn', account: { displayName: 'Demo Listener' } });
    expect(await vaultTokens(kit)).toMatchObject({ account: { displayName: 'Demo Listener' } });
  });
});

describe('suspected session races', () => {
  it('a sign-out and a new sign-in inside one refresh write keep the new session on disk', async () => {
    const cipher = new HeldCipher();
    const kit = createKit({ redirectMode: 'protocol', cipher });
    await kit.service.start();
    await signInViaProtocol(kit);
    const current = await kit.service.getAccessToken();
    cipher.holdAfter(0);
    // The refresh's write-ahead waits at the cipher.
    const refreshing = kit.service.refreshAfterUnauthorized(current.ok ? current.value : '');
    await settle(60);
    expect(cipher.waiting).toBe(1);
    await kit.service.signOut();
    await startProtocolSignIn(kit);
    await settle(60);
    await cipher.releaseNewestFirst();
    await kit.service.settled();
    await refreshing;
    await settle(60);
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn' });
    const onDisk = await vaultTokens(kit);
    expect(onDisk).not.toBeNull();
    const live = await kit.service.getAccessToken();
    expect(live.ok && onDisk?.accessToken).toBe(live.ok ? live.value : 'none');
  });

  it('an older blob is never written after a newer one (rotation on): the vault holds the live refresh token', async () => {
    const cipher = new HeldCipher();
    const kit = createKit({ redirectMode: 'protocol', cipher });
    kit.sim.control.setScenario({ rotateRefreshTokens: true });
    await kit.service.start();
    // Sign-in's first write goes through; the account-name write (old refresh token) waits.
    cipher.holdAfter(1);
    await startProtocolSignIn(kit);
    await settle(60);
    expect(cipher.waiting).toBe(1);
    // Meanwhile a refresh rotates the refresh token and writes the new one.
    const current = await kit.service.getAccessToken();
    const refreshing = kit.service.refreshAfterUnauthorized(current.ok ? current.value : '');
    await settle(60);
    await cipher.releaseNewestFirst();
    expect(await refreshing).toMatchObject({ ok: true });
    await kit.service.settled();
    await settle(60);
    // A restart from disk must still work: the stored refresh token is the one Spotify accepts now.
    const next = createKit({ store: kit.store, clock: kit.clock, sim: kit.sim });
    await next.service.start();
    const state = next.service.state();
    expect(state).toMatchObject({ kind: 'signedIn', account: { displayName: 'Demo Listener' } });
    const again = await next.service.getAccessToken();
    expect(await next.service.refreshAfterUnauthorized(again.ok ? again.value : '')).toMatchObject({ ok: true });
    expect(next.service.state()).toMatchObject({ kind: 'signedIn' });
  });
});

describe('issue #8 item 6: a vault set aside as unreadable', () => {
  it('no longer decrypts to a live refresh token after sign-out', async () => {
    const store = new MemoryStore();
    const first = createKit({ store, redirectMode: 'protocol' });
    await first.service.start();
    await signInViaProtocol(first);
    // The next start cannot read the vault (another key store): it is set aside.
    const second = createKit({ store, clock: first.clock, sim: first.sim, cipher: new TestOnlyCipher('another key', 'gnome_libsecret') });
    await second.service.start();
    const asideKey = store.keys().find((k) => k.startsWith(`${VAULT_KEY}-corrupt-`));
    expect(asideKey).toBeDefined();
    // The attack: decrypt the set-aside copy with the original key — today it yields a live refresh token.
    const before = await vaultTokens(first, asideKey);
    expect(before?.refreshToken).toBeTruthy();
    await signInViaProtocol(second);
    await second.service.signOut();
    await settle();
    const leftovers = store.keys().filter((k) => k.startsWith(`${VAULT_KEY}-corrupt-`));
    for (const key of leftovers) expect(await vaultTokens(first, key)).toBeNull();
    expect(await vaultTokens(first, asideKey)).toBeNull();
  });

  it('is wiped when the Client ID changes', async () => {
    const store = new MemoryStore();
    const first = createKit({ store, redirectMode: 'protocol' });
    await first.service.start();
    await signInViaProtocol(first);
    const second = createKit({ store, clock: first.clock, sim: first.sim, cipher: new TestOnlyCipher('another key', 'gnome_libsecret') });
    await second.service.start();
    const asideKey = store.keys().find((k) => k.startsWith(`${VAULT_KEY}-corrupt-`));
    expect(await vaultTokens(first, asideKey)).not.toBeNull();
    await second.service.setClientId('ffffffffffffffffffffffffffffffff');
    await settle();
    expect(await vaultTokens(first, asideKey)).toBeNull();
  });
});
