import type { Persistence } from '../../shared/state/auth-state';
import type { Logger } from '../logging/logger';
import type { Cipher } from '../ports/cipher';
import type { Clock } from '../ports/clock';
import type { KeyValueStore } from '../ports/key-value-store';
import type { SecretRegistry } from '../ports/secret-registry';

import type { TokenSet } from './token-set';
import { TokenVault } from './token-vault';

export interface SessionStoreDeps {
  readonly store: KeyValueStore;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
  /** Demo sessions belong to the simulator and never touch disk. */
  readonly isDemo: () => boolean;
  /** The user accepted the weak `basic_text` backend after the warning. */
  readonly plaintextOptIn: () => boolean;
}

/** What a start found on disk, in the words the account page shows. */
export type Restored =
  | { readonly kind: 'none' }
  | { readonly kind: 'session'; readonly tokens: TokenSet }
  | { readonly kind: 'signedOut'; readonly notice: string }
  | { readonly kind: 'sessionEnded'; readonly reason: string };

/**
 * Decides whether and how the session is kept on disk — encrypted; not at all on Linux `basic_text` unless
 * the user opted in; never in demo mode — and writes it through the vault.
 */
export class SessionStore {
  private readonly vault: TokenVault;
  private cipherAvailable = false;
  private writeFailed = false;

  public constructor(private readonly deps: SessionStoreDeps) {
    this.vault = new TokenVault(deps);
  }

  /** After `ready`: safeStorage cannot be asked before. */
  public async open(): Promise<void> {
    this.cipherAvailable = await this.deps.cipher.isAvailable().catch(() => false);
  }

  /** How the current session is kept, as shown to the user. */
  public persistence(): Persistence {
    return this.writeFailed ? 'memoryOnly' : this.policy();
  }

  /** Write-ahead target for every new token set. Never throws. */
  public async persist(tokens: TokenSet): Promise<void> {
    switch (this.policy()) {
      case 'encrypted':
      case 'plaintextOptIn': {
        const saved = await this.vault.save(tokens);
        this.writeFailed = !saved.ok;
        return;
      }
      case 'memoryOnly':
        // Nothing on disk, and nothing stale left there.
        this.clear();
        return;
    }
  }

  /** Opt-out of plaintext storage: the tokens leave the disk. Never in demo mode: the vault is the real account's. */
  public clear(): void {
    this.writeFailed = false;
    if (!this.deps.isDemo()) this.vault.clear();
  }

  /**
   * Sign-out, session ended, Client ID change: the tokens leave the disk, and so does every copy set aside
   * as unreadable (it may still decrypt to a live refresh token under another key).
   */
  public erase(): void {
    if (this.deps.isDemo()) return;
    this.clear();
    this.vault.wipeSetAside();
  }

  /** Loads the saved session for `clientId`, or says why there is none. */
  public async restore(clientId: string | null): Promise<Restored> {
    const loaded = await this.vault.load();
    switch (loaded.kind) {
      case 'empty':
        return { kind: 'none' };
      case 'unavailable':
        return {
          kind: 'signedOut',
          notice: "Secure storage isn't available right now, so the saved sign-in can't be read. Sign in again, or restart once your keyring is unlocked.",
        };
      case 'unreadable':
        return { kind: 'sessionEnded', reason: `Please sign in again: ${loaded.reason}.` };
      case 'loaded':
        if (loaded.tokens.clientId === clientId) return { kind: 'session', tokens: loaded.tokens };
        this.erase();
        return { kind: 'signedOut', notice: 'The Client ID changed, so please sign in again.' };
    }
  }

  private policy(): Persistence {
    if (this.deps.isDemo() || !this.cipherAvailable) return 'memoryOnly';
    if (this.deps.cipher.isSecure()) return 'encrypted';
    return this.deps.plaintextOptIn() ? 'plaintextOptIn' : 'memoryOnly';
  }
}
