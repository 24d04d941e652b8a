import { app, safeStorage } from 'electron';

import type { Cipher, Decrypted } from '../ports/cipher';

/**
 * Electron's safeStorage through its async API (Electron ≥ 42). Never used before `ready`: the calls would
 * reject. On Linux the backend is read with `getSelectedStorageBackend()`; `basic_text` is a hard-coded key.
 */
export class SafeStorageCipher implements Cipher {
  public async isAvailable(): Promise<boolean> {
    if (!app.isReady()) return false;
    return safeStorage.isAsyncEncryptionAvailable();
  }

  public backend(): string {
    if (process.platform === 'darwin') return 'keychain';
    if (process.platform === 'win32') return 'dpapi';
    if (process.platform === 'linux') return app.isReady() ? linuxBackend() : 'unknown';
    return 'unknown';
  }

  public isSecure(): boolean {
    const backend = this.backend();
    return backend !== 'basic_text' && backend !== 'unknown';
  }

  public async encrypt(plain: string): Promise<Uint8Array> {
    if (!app.isReady()) throw new Error('safeStorage cannot be used before the app is ready');
    return safeStorage.encryptStringAsync(plain);
  }

  public async decrypt(data: Uint8Array): Promise<Decrypted> {
    if (!app.isReady()) throw new Error('safeStorage cannot be used before the app is ready');
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(data));
    return { plain: result, shouldReEncrypt };
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
