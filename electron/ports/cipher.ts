/**
 * Encryption at rest. In the app it is Electron's safeStorage (async API, only after `ready`); tests use
 * `TestOnlyCipher`. `isSecure()` is false where the OS gives no real protection (Linux `basic_text`).
 */
export interface Cipher {
  /** False when nothing can be encrypted on this machine right now (no key provider, or before `ready`). */
  isAvailable(): Promise<boolean>;
  /** The key provider: 'keychain', 'dpapi', 'gnome_libsecret', 'kwallet…', 'basic_text', 'test', 'unknown'. */
  backend(): string;
  /** False for `basic_text` (a hard-coded key) and for a backend not known yet. */
  isSecure(): boolean;
  encrypt(plain: string): Promise<Uint8Array>;
  /**
   * Rejects when the data was written under another key (backend changed, app renamed) or is corrupt.
   * `shouldReEncrypt`: the OS rotated its key; write the data again now, while the old key still works.
   */
  decrypt(data: Uint8Array): Promise<Decrypted>;
}

export interface Decrypted {
  readonly plain: string;
  readonly shouldReEncrypt: boolean;
}
