import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import type { Cipher, Decrypted } from '../ports/cipher';

/** The backend name the account page shows for the web preview's storage. */
export const KEY_FILE_BACKEND = 'web_preview_key_file';

/**
 * The web preview's cipher, and an honest one: AES-256-GCM under a random key made on this machine and kept
 * in an owner-only file next to the store. That stops a copy of the store alone and other OS users, but not
 * a program running as the same user, who can read both files. So it reports `isSecure() === false`, like
 * Linux `basic_text`: a real account's tokens stay in memory unless the user opts in after the warning.
 * (The old preview used a key written in the source and called it secure.)
 */
export class KeyFileCipher implements Cipher {
  private key: Buffer | null = null;

  public constructor(private readonly keyPath: string) {}

  public isAvailable(): Promise<boolean> {
    return Promise.resolve(true);
  }

  public backend(): string {
    return KEY_FILE_BACKEND;
  }

  public isSecure(): boolean {
    return false;
  }

  public encrypt(plain: string): Promise<Uint8Array> {
    try {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.keyFor('write'), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
    } catch (cause) {
      return Promise.reject(cause instanceof Error ? cause : new Error('encrypt failed'));
    }
  }

  public decrypt(data: Uint8Array): Promise<Decrypted> {
    try {
      const bytes = Buffer.from(data);
      const decipher = createDecipheriv('aes-256-gcm', this.keyFor('read'), bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      return Promise.resolve({ plain, shouldReEncrypt: false });
    } catch (cause) {
      return Promise.reject(cause instanceof Error ? cause : new Error('decrypt failed'));
    }
  }

  /** Reads the key, or makes one (only to write: a missing key can decrypt nothing). */
  private keyFor(use: 'read' | 'write'): Buffer {
    if (this.key) return this.key;
    if (existsSync(this.keyPath)) {
      const key = Buffer.from(readFileSync(this.keyPath, 'utf8').trim(), 'base64');
      if (key.length !== 32) throw new Error('the preview key file is damaged');
      this.key = key;
      return key;
    }
    if (use === 'read') throw new Error('no preview key on this machine');
    const key = randomBytes(32);
    mkdirSync(dirname(this.keyPath), { recursive: true, mode: 0o700 });
    const temp = `${this.keyPath}.${process.pid}.tmp`;
    writeFileSync(temp, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(temp, 0o600);
    renameSync(temp, this.keyPath);
    this.key = key;
    return key;
  }
}
