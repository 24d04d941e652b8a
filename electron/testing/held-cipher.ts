// A cipher that can make encryptions wait, and a reader of what the vault holds: for the session-write race tests.
import { TestOnlyCipher } from '../adapters/test-cipher';
import { VAULT_KEY } from '../tokens/token-vault';
import type { TokenSet } from '../tokens/token-set';

import type { Kit } from './auth-test-kit';
import { settle } from './manual-clock';

/** A cipher whose encryptions wait while held, as safeStorage does while a macOS keychain prompt is open. */
export class HeldCipher extends TestOnlyCipher {
  /** Encryptions still let through before the rest wait. */
  private passes = Infinity;
  private readonly held: Array<() => void> = [];

  public get waiting(): number {
    return this.held.length;
  }

  /** From now on, the first `n` encryptions go through and the later ones wait. */
  public holdAfter(n = 0): void {
    this.passes = n;
  }

  /** Lets every waiting encryption go, the newest first (the order that hurts an unqueued writer most). */
  public async releaseNewestFirst(): Promise<void> {
    this.passes = Infinity;
    for (;;) {
      const next = this.held.pop();
      if (!next) break;
      next();
      await settle(60);
    }
  }

  public override async encrypt(plain: string): Promise<Uint8Array> {
    if (this.passes <= 0) await new Promise<void>((resolve) => this.held.push(resolve));
    else this.passes -= 1;
    return super.encrypt(plain);
  }
}

/** Decrypts whatever the vault key holds, as an attacker with the user's keyring would. */
export async function vaultTokens(kit: Pick<Kit, 'store'>, key = VAULT_KEY): Promise<TokenSet | null> {
  const raw = kit.store.get(key) as { ciphertext?: string; blob?: { ciphertext?: string } } | undefined;
  const ciphertext = raw?.ciphertext ?? raw?.blob?.ciphertext;
  if (ciphertext === undefined) return null;
  try {
    const { plain } = await new TestOnlyCipher().decrypt(Buffer.from(ciphertext, 'base64'));
    return (JSON.parse(plain) as { tokens: TokenSet }).tokens;
  } catch {
    return null;
  }
}

/** A gate a test closes to hold requests and opens to let them through. */
export function gate(): { readonly pass: () => Promise<void>; close: () => void; open: () => void } {
  let release: (() => void) | null = null;
  let waiting: Promise<void> = Promise.resolve();
  return {
    pass: () => waiting,
    close: () => {
      waiting = new Promise<void>((resolve) => (release = resolve));
    },
    open: () => {
      release?.();
      release = null;
      waiting = Promise.resolve();
    },
  };
}
