import { describe, expect, it } from 'vitest';

import { MemoryStore } from '../adapters/memory-store';
import { TestOnlyCipher } from '../adapters/test-cipher';
import { memorySink, RootLogger } from '../logging/logger';
import type { Cipher } from '../ports/cipher';
import { ManualClock } from '../testing/manual-clock';

import type { TokenSet } from './token-set';
import { refreshExpiresAt, renewSoon } from './token-set';
import { TokenVault, VAULT_KEY } from './token-vault';

const TOKENS: TokenSet = {
  clientId: 'c'.repeat(32),
  accessToken: 'access-token-AAAAAAAAAAAA',
  accessExpiresAt: 1_000_000,
  refreshToken: 'refresh-token-RRRRRRRRRRRR',
  scopes: ['user-read-playback-state'],
  authorizedAt: 0,
  account: { id: 'me', displayName: 'Me' },
};

function setup(cipher: Cipher = new TestOnlyCipher(), store = new MemoryStore()) {
  const { sink, lines } = memorySink();
  const root = new RootLogger({ sink });
  const vault = new TokenVault({ store, cipher, clock: new ManualClock(), logger: root.scope('vault'), secrets: root });
  return { vault, store, lines };
}

describe('TokenVault', () => {
  it('round-trips the token set as ciphertext only', async () => {
    const { vault, store } = setup();
    expect(await vault.save(TOKENS)).toEqual({ ok: true, value: null });
    const raw = JSON.stringify(store.get(VAULT_KEY));
    expect(raw).not.toContain(TOKENS.accessToken);
    expect(raw).not.toContain(TOKENS.refreshToken);
    expect(raw).toContain('"backend":"test"');
    expect(await vault.load()).toEqual({ kind: 'loaded', tokens: TOKENS });
  });

  it('rewrites the blob when the OS says its key rotated, so it still opens after the old key is gone', async () => {
    const cipher = new TestOnlyCipher();
    const { vault, store } = setup(cipher);
    await vault.save(TOKENS);
    const first = JSON.stringify(store.get(VAULT_KEY));
    cipher.adviseReEncrypt = true;
    expect(await vault.load()).toEqual({ kind: 'loaded', tokens: TOKENS });
    const second = JSON.stringify(store.get(VAULT_KEY));
    expect(second).not.toBe(first);
    expect(second).not.toContain(TOKENS.refreshToken);
    cipher.adviseReEncrypt = false;
    expect(await vault.load()).toEqual({ kind: 'loaded', tokens: TOKENS });
    expect(JSON.stringify(store.get(VAULT_KEY))).toBe(second);
  });

  it('is empty before the first save and after clear', async () => {
    const { vault } = setup();
    expect(await vault.load()).toEqual({ kind: 'empty' });
    await vault.save(TOKENS);
    vault.clear();
    expect(await vault.load()).toEqual({ kind: 'empty' });
  });

  it('sets aside a blob another key wrote (app renamed, backend changed) and says why', async () => {
    const store = new MemoryStore();
    await setup(new TestOnlyCipher('old key', 'kwallet5'), store).vault.save(TOKENS);
    const before = store.get(VAULT_KEY);
    const { vault } = setup(new TestOnlyCipher('new key', 'gnome_libsecret'), store);
    const loaded = await vault.load();
    expect(loaded).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('from kwallet5 to gnome_libsecret') as unknown });
    expect(store.get(VAULT_KEY)).toBeUndefined();
    if (loaded.kind === 'unreadable') expect(store.get(loaded.setAsideAs)).toEqual({ reason: loaded.reason, blob: before });
  });

  it('sets aside garbage and unknown formats instead of deleting them', async () => {
    for (const junk of ['not an envelope', { format: 'trayplay-token-vault', v: 1, backend: 'test', savedAt: 0, ciphertext: 'AAAA' }, { format: 'trayplay-token-vault', v: 9, backend: 'test', savedAt: 0, ciphertext: 'AAAA' }]) {
      const { vault, store } = setup();
      store.set(VAULT_KEY, junk);
      const loaded = await vault.load();
      expect(loaded.kind).toBe('unreadable');
      expect(store.keys().some((k) => k.startsWith(`${VAULT_KEY}-corrupt-`))).toBe(true);
    }
  });

  it('leaves the blob alone while secure storage is unavailable', async () => {
    const store = new MemoryStore();
    await setup(new TestOnlyCipher(), store).vault.save(TOKENS);
    const locked = Object.assign(new TestOnlyCipher(), { isAvailable: () => Promise.resolve(false) });
    expect(await setup(locked, store).vault.load()).toEqual({ kind: 'unavailable' });
    expect(store.get(VAULT_KEY)).toBeDefined();
  });

  it('reports a failed write instead of throwing', async () => {
    const broken = Object.assign(new TestOnlyCipher(), { encrypt: () => Promise.reject(new Error('Encryption is not available')) });
    const { vault, lines } = setup(broken);
    expect(await vault.save(TOKENS)).toEqual({ ok: false, error: 'the session could not be written to disk' });
    expect(lines.join('\n')).not.toContain(TOKENS.accessToken);
  });
});

describe('token-set dates', () => {
  it('ends the refresh token 6 calendar months after authorization and warns 7 days before', () => {
    const authorizedAt = Date.UTC(2026, 0, 15);
    expect(refreshExpiresAt(authorizedAt)).toBe(Date.UTC(2026, 6, 15));
    expect(renewSoon({ authorizedAt }, Date.UTC(2026, 6, 7))).toBe(false);
    expect(renewSoon({ authorizedAt }, Date.UTC(2026, 6, 8))).toBe(true);
  });
});
