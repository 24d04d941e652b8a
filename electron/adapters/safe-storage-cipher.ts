import { app, safeStorage } from 'electron';

import type { Cipher, Decrypted } from '../ports/cipher';

/** Linux backends that keep the key in a real secret store. Anything else (basic_text, unknown, new names) is not. */
const LINUX_KEYRINGS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);
/**
 * Chromium's ciphertext tag for the hard-coded key ("peanuts"): the sync basic_text backend and the async
 * POSIX fallback provider both write it. Ciphertext under a keyring-derived key carries another tag.
 */
export const HARDCODED_KEY_TAG = 'v10';

/**
 * Electron's safeStorage through its async API (Electron ≥ 42). Never used before `ready`: the calls would
 * reject. On Linux two things must agree before the storage is called secure: the sync backend name
 * (`getSelectedStorageBackend()`, which is all Electron reports) must be a keyring, and the async path that
 * really encrypts must not be using the hard-coded key — it falls back to the POSIX provider when no secret
 * service answers, while still reporting "available". A probe encryption at `isAvailable()` reads its tag.
 */
export class SafeStorageCipher implements Cipher {
  /** The async path's ciphertext tag on Linux, once seen (null: not probed yet). */
  private asyncTag: string | null = null;

  public constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  public async isAvailable(): Promise<boolean> {
    if (!app.isReady()) return false;
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
    if (this.platform === 'linux' && this.asyncTag === null) {
      try {
        this.noteTag(await safeStorage.encryptStringAsync('trayplay key probe'));
      } catch {
        return false;
      }
    }
    return true;
  }

  public backend(): string {
    if (this.platform === 'darwin') return 'keychain';
    if (this.platform === 'win32') return 'dpapi';
    if (this.platform === 'linux') {
      const name = app.isReady() ? linuxBackend() : 'unknown';
      // The sync name says keyring, but the async path encrypts under the hard-coded key: say what it is.
      return this.asyncTag === HARDCODED_KEY_TAG && LINUX_KEYRINGS.has(name) ? `${name} (async: posix fallback)` : name;
    }
    return 'unknown';
  }

  public isSecure(): boolean {
    if (this.platform === 'darwin' || this.platform === 'win32') return true;
    if (this.platform !== 'linux') return false;
    if (!app.isReady() || !LINUX_KEYRINGS.has(linuxBackend())) return false;
    // Unprobed counts as not secure: better memory-only once than a weak file forever.
    return this.asyncTag !== null && this.asyncTag !== HARDCODED_KEY_TAG;
  }

  public async encrypt(plain: string): Promise<Uint8Array> {
    if (!app.isReady()) throw new Error('safeStorage cannot be used before the app is ready');
    const data = await safeStorage.encryptStringAsync(plain);
    if (this.platform === 'linux') this.noteTag(data);
    return data;
  }

  public async decrypt(data: Uint8Array): Promise<Decrypted> {
    if (!app.isReady()) throw new Error('safeStorage cannot be used before the app is ready');
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(data));
    return { plain: result, shouldReEncrypt };
  }

  private noteTag(data: Uint8Array): void {
    this.asyncTag = Buffer.from(data.subarray(0, 3)).toString('latin1');
  }
}

/**
 * The Linux backend. It reflects the OSCrypt selection, which may still read 'unknown' after `ready` until
 * OSCrypt has been initialised; the (deprecated) availability check initialises it, once.
 */
function linuxBackend(): string {
  const backend = safeStorage.getSelectedStorageBackend();
  if (backend !== 'unknown') return backend;
  safeStorage.isEncryptionAvailable();
  return safeStorage.getSelectedStorageBackend();
}
