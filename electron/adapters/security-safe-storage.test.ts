import { beforeEach, describe, expect, it, vi } from 'vitest';

// One double per Linux backend: what the sync API names, and the tag the async path really writes with.
const fake = {
  ready: true,
  syncBackend: 'gnome_libsecret',
  asyncAvailable: true,
  asyncTag: 'v11',
};
vi.mock('electron', () => ({
  app: { isReady: () => fake.ready },
  safeStorage: {
    getSelectedStorageBackend: () => fake.syncBackend,
    isEncryptionAvailable: () => fake.syncBackend !== 'basic_text',
    isAsyncEncryptionAvailable: () => Promise.resolve(fake.asyncAvailable),
    encryptStringAsync: (plain: string) => Promise.resolve(Buffer.from(`${fake.asyncTag}${plain}`, 'latin1')),
    decryptStringAsync: (data: Buffer) => Promise.resolve({ result: data.toString('latin1').slice(3), shouldReEncrypt: false }),
  },
}));

const { SafeStorageCipher } = await import('./safe-storage-cipher');

beforeEach(() => Object.assign(fake, { ready: true, syncBackend: 'gnome_libsecret', asyncAvailable: true, asyncTag: 'v11' }));

async function decide(platform: NodeJS.Platform = 'linux'): Promise<{ available: boolean; secure: boolean; backend: string }> {
  const cipher = new SafeStorageCipher(platform);
  const available = await cipher.isAvailable();
  return { available, secure: cipher.isSecure(), backend: cipher.backend() };
}

describe('SafeStorageCipher: the "secure" decision agrees with the async path that encrypts', () => {
  const cases: Array<[string, string, string, boolean]> = [
    // [sync backend, async tag, why, secure]
    ['gnome_libsecret', 'v11', 'GNOME keyring on both paths', true],
    ['kwallet', 'v11', 'KWallet 4', true],
    ['kwallet5', 'v11', 'KWallet 5', true],
    ['kwallet6', 'v11', 'KWallet 6', true],
    ['basic_text', 'v10', 'no keyring: the hard-coded key', false],
    ['gnome_libsecret', 'v10', 'sync names a keyring, async fell back to the POSIX provider', false],
    ['kwallet6', 'v10', 'sync names KWallet, async fell back to the POSIX provider', false],
    ['unknown', 'v11', 'OSCrypt not initialised', false],
    ['some_future_store', 'v11', 'a name we do not know is not trusted', false],
  ];
  for (const [backend, tag, why, secure] of cases) {
    it(`${backend} + async ${tag} (${why}) → ${secure ? 'secure' : 'not secure'}`, async () => {
      Object.assign(fake, { syncBackend: backend, asyncTag: tag });
      const decision = await decide();
      expect(decision.available).toBe(true);
      expect(decision.secure).toBe(secure);
    });
  }

  it('names the disagreement in the backend the account page shows', async () => {
    Object.assign(fake, { syncBackend: 'gnome_libsecret', asyncTag: 'v10' });
    expect((await decide()).backend).toBe('gnome_libsecret (async: posix fallback)');
  });

  it('is not secure before the probe, before ready, or when the async path is unavailable', async () => {
    expect(new SafeStorageCipher('linux').isSecure()).toBe(false);
    fake.asyncAvailable = false;
    expect(await decide()).toMatchObject({ available: false, secure: false });
    fake.ready = false;
    fake.asyncAvailable = true;
    expect(await decide()).toMatchObject({ available: false, secure: false, backend: 'unknown' });
  });

  it('notices a fallback that starts later (an encrypt under the hard-coded key turns "secure" off)', async () => {
    const cipher = new SafeStorageCipher('linux');
    await cipher.isAvailable();
    expect(cipher.isSecure()).toBe(true);
    fake.asyncTag = 'v10';
    await cipher.encrypt('tokens');
    expect(cipher.isSecure()).toBe(false);
  });

  it('macOS Keychain and Windows DPAPI are secure; no probe needed', async () => {
    expect(await decide('darwin')).toMatchObject({ secure: true, backend: 'keychain' });
    expect(await decide('win32')).toMatchObject({ secure: true, backend: 'dpapi' });
    expect(await decide('freebsd')).toMatchObject({ secure: false, backend: 'unknown' });
  });
});
