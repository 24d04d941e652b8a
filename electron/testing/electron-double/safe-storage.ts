// `safeStorage` per platform and Linux backend, with Electron 45's rules: nothing before `ready` (sync calls
// throw, async ones reject or say false), `basic_text` unavailable to the sync API unless plain text is
// allowed, while the async API falls back to a POSIX key and reports available.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import type { Runtime } from './runtime';

type Backend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;

const BEFORE_READY = 'safeStorage cannot be used before app is ready';

export class SafeStorageDouble implements Electron.SafeStorage {
  private usePlainText = false;
  /** Chromium picks the Linux backend when OSCrypt first initialises (a sync call), not at `ready`. */
  private initialised = false;

  public constructor(private readonly runtime: Runtime) {}

  public isEncryptionAvailable(): boolean {
    this.runtime.record('safeStorage', 'isEncryptionAvailable');
    if (!this.runtime.isReady()) return false;
    this.initialised = true;
    return this.syncAvailable();
  }

  public isAsyncEncryptionAvailable(): Promise<boolean> {
    this.runtime.record('safeStorage', 'isAsyncEncryptionAvailable');
    // Linux without a keyring: the async API uses the POSIX fallback key and still says true.
    return Promise.resolve(this.runtime.isReady());
  }

  /** Linux only: on macOS and Windows Electron has no such method. */
  public getSelectedStorageBackend(): Backend {
    this.runtime.record('safeStorage', 'getSelectedStorageBackend');
    if (this.runtime.options.platform !== 'linux') this.runtime.fail('safeStorage', 'safeStorage.getSelectedStorageBackend is not a function', 'TypeError');
    if (!this.runtime.isReady() || !this.initialised) return 'unknown';
    return this.runtime.options.linuxBackend;
  }

  public setUsePlainTextEncryption(usePlainText: boolean): void {
    this.runtime.record('safeStorage', 'setUsePlainTextEncryption', [usePlainText]);
    if (this.runtime.options.platform === 'linux') this.usePlainText = usePlainText;
  }

  public encryptString(plainText: string): Buffer {
    this.runtime.record('safeStorage', 'encryptString');
    if (!this.runtime.isReady()) this.runtime.fail('safeStorage', BEFORE_READY);
    this.initialised = true;
    if (!this.syncAvailable()) this.runtime.fail('safeStorage', 'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.', 'Error', 'operational');
    return this.seal(plainText);
  }

  public decryptString(encrypted: Buffer): string {
    this.runtime.record('safeStorage', 'decryptString');
    if (!this.runtime.isReady()) this.runtime.fail('safeStorage', BEFORE_READY);
    this.initialised = true;
    if (!this.syncAvailable()) this.runtime.fail('safeStorage', 'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.', 'Error', 'operational');
    return this.open(encrypted, 'decryptString');
  }

  public encryptStringAsync(plainText: string): Promise<Buffer> {
    this.runtime.record('safeStorage', 'encryptStringAsync');
    if (!this.runtime.isReady()) return Promise.reject(new Error(BEFORE_READY));
    return Promise.resolve(this.seal(plainText));
  }

  public decryptStringAsync(encrypted: Buffer): Promise<Electron.DecryptStringAsyncReturnValue> {
    this.runtime.record('safeStorage', 'decryptStringAsync');
    if (!this.runtime.isReady()) return Promise.reject(new Error(BEFORE_READY));
    try {
      return Promise.resolve({ result: this.open(encrypted, 'decryptStringAsync'), shouldReEncrypt: this.runtime.options.keyRotated });
    } catch (cause) {
      return Promise.reject(cause instanceof Error ? cause : new Error(String(cause)));
    }
  }

  private syncAvailable(): boolean {
    const { platform, linuxBackend } = this.runtime.options;
    if (platform !== 'linux') return true;
    return linuxBackend !== 'basic_text' || this.usePlainText;
  }

  /** Chromium's layout: a version prefix (`v10` hard-coded or OS key, `v11` keyring key), then the sealed text. */
  private key(): { prefix: string; key: Buffer } {
    const { platform, linuxBackend, keyMaterial } = this.runtime.options;
    if (platform === 'linux' && linuxBackend === 'basic_text') return { prefix: 'v10', key: createHash('sha256').update('peanuts').digest() };
    const prefix = platform === 'linux' ? 'v11' : 'v10';
    return { prefix, key: createHash('sha256').update(`${platform}/${linuxBackend}/${keyMaterial}`).digest() };
  }

  private seal(plain: string): Buffer {
    const { prefix, key } = this.key();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from(prefix), iv, cipher.getAuthTag(), body]);
  }

  private open(data: Buffer, method: string): string {
    const { prefix, key } = this.key();
    const fail = (why: string): never => this.runtime.fail('safeStorage', `Error while decrypting the ciphertext provided to safeStorage.${method}. ${why}`, 'Error', 'operational');
    if (!Buffer.isBuffer(data) || data.length < 3 + 12 + 16) return fail('Ciphertext does not appear to be encrypted.');
    if (data.subarray(0, 3).toString() !== prefix) return fail('Ciphertext does not appear to be encrypted.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(3, 15));
      decipher.setAuthTag(data.subarray(15, 31));
      return Buffer.concat([decipher.update(data.subarray(31)), decipher.final()]).toString('utf8');
    } catch {
      return fail('Decryption failed.');
    }
  }
}
