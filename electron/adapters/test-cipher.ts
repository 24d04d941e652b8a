import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import type { Cipher, Decrypted } from '../ports/cipher';

/**
 * AES-256-GCM under a fixed key: real ciphertext on disk, but the key is in the source. For tests and the
 * headless host only — never for the Electron app, which uses safeStorage.
 */
export class TestOnlyCipher implements Cipher {
  private readonly key: Buffer;
  /** Tests set this to play an OS key rotation (safeStorage's `shouldReEncrypt`). */
  public adviseReEncrypt = false;

  public constructor(
    keyMaterial = 'trayplay test-only key — not a secret',
    private readonly name = 'test',
    private readonly secure = true,
  ) {
    this.key = createHash('sha256').update(keyMaterial).digest();
  }

  public isAvailable(): Promise<boolean> {
    return Promise.resolve(true);
  }

  public backend(): string {
    return this.name;
  }

  public isSecure(): boolean {
    return this.secure;
  }

  public encrypt(plain: string): Promise<Uint8Array> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
  }

  public decrypt(data: Uint8Array): Promise<Decrypted> {
    try {
      const bytes = Buffer.from(data);
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      return Promise.resolve({ plain, shouldReEncrypt: this.adviseReEncrypt });
    } catch (cause) {
      return Promise.reject(cause instanceof Error ? cause : new Error('decrypt failed'));
    }
  }
}

/** Linux without a keyring, as a fake: it encrypts, but under a hard-coded key, so it reports `basic_text`, not secure. */
export class InsecureBasicTextCipher extends TestOnlyCipher {
  public constructor() {
    super('basic_text hard-coded password', 'basic_text', false);
  }
}
