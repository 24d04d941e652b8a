import { z } from 'zod';

import { parseUnknown } from '../../shared/parse';
import { fail, ok, type Result } from '../../shared/result';
import type { Logger } from '../logging/logger';
import type { Cipher } from '../ports/cipher';
import type { Clock } from '../ports/clock';
import type { KeyValueStore } from '../ports/key-value-store';
import type { SecretRegistry } from '../ports/secret-registry';

import { TokenSetSchema, type TokenSet } from './token-set';

/** The store key of the current blob; quarantined blobs go under `${VAULT_KEY}-corrupt-<time>`. */
export const VAULT_KEY = 'tokens';
/** The keys of the quarantined blobs, so they can be wiped (the store cannot list its keys). */
export const SET_ASIDE_INDEX_KEY = `${VAULT_KEY}-set-aside`;
const FORMAT = 'trayplay-token-vault';
const MAX_SET_ASIDE = 5;
const VERSION = 1;

/** What is written to disk: ciphertext and the facts needed to diagnose a failed decrypt. Nothing secret in clear. */
const EnvelopeSchema = z.object({
  format: z.literal(FORMAT),
  v: z.number().int(),
  backend: z.string().max(100),
  savedAt: z.number(),
  ciphertext: z.string().min(1).max(100_000),
});
type Envelope = z.infer<typeof EnvelopeSchema>;

const PlainSchema = z.object({ v: z.literal(VERSION), tokens: TokenSetSchema });

export type VaultLoad =
  | { readonly kind: 'empty' }
  | { readonly kind: 'loaded'; readonly tokens: TokenSet }
  /** Secure storage is not available now (keyring locked?): the blob is left alone for a later start. */
  | { readonly kind: 'unavailable' }
  /** The blob could not be read; it was moved aside under `setAsideAs`, and `reason` is shown to the user. */
  | { readonly kind: 'unreadable'; readonly reason: string; readonly setAsideAs: string };

/** Written, or why not (the reason is for the log, never a secret). */
export type VaultSave = Result<null, string>;

export interface TokenVaultDeps {
  readonly store: KeyValueStore;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
}

/**
 * Keeps the token set encrypted at rest. Writes are one atomic `set` of a versioned envelope; a blob that
 * cannot be decrypted is set aside for diagnosis, never silently deleted.
 */
export class TokenVault {
  public constructor(private readonly deps: TokenVaultDeps) {}

  public async load(): Promise<VaultLoad> {
    const raw = this.deps.store.get(VAULT_KEY);
    if (raw === undefined || raw === null) return { kind: 'empty' };
    const envelope = parseUnknown(EnvelopeSchema, raw);
    if (!envelope.ok) return this.setAside(raw, 'the saved sign-in is not in a format this version understands');
    if (envelope.value.v > VERSION) return this.setAside(raw, 'the saved sign-in was written by a newer version of Trayplay');
    if (!(await this.available())) return { kind: 'unavailable' };

    let plain: string;
    let reEncrypt = false;
    try {
      ({ plain, shouldReEncrypt: reEncrypt } = await this.deps.cipher.decrypt(Buffer.from(envelope.value.ciphertext, 'base64')));
    } catch {
      return this.setAside(raw, decryptFailure(envelope.value, this.deps.cipher.backend()));
    }
    let json: unknown;
    try {
      json = JSON.parse(plain);
    } catch {
      return this.setAside(raw, 'the saved sign-in is damaged');
    }
    const parsed = parseUnknown(PlainSchema, json);
    if (!parsed.ok) return this.setAside(raw, 'the saved sign-in is damaged');
    const tokens = parsed.value.tokens;
    this.deps.secrets.addSecret(tokens.accessToken, 'access');
    this.deps.secrets.addSecret(tokens.refreshToken, 'refresh');
    // The OS rotated its key: rewrite under the new one while the old still decrypts (else a later start fails).
    if (reEncrypt) await this.save(tokens);
    return { kind: 'loaded', tokens };
  }

  /** Encrypts and writes the token set in one atomic store write. Never throws. */
  public async save(tokens: TokenSet): Promise<VaultSave> {
    try {
      if (!(await this.available())) return fail('secure storage is not available');
      const cipher = await this.deps.cipher.encrypt(JSON.stringify({ v: VERSION, tokens }));
      const envelope: Envelope = {
        format: FORMAT,
        v: VERSION,
        backend: this.deps.cipher.backend(),
        savedAt: this.deps.clock.now(),
        ciphertext: Buffer.from(cipher).toString('base64'),
      };
      this.deps.store.set(VAULT_KEY, envelope);
      return ok(null);
    } catch (cause) {
      this.deps.logger.warn('could not save the session', { error: cause instanceof Error ? cause.name : 'unknown' });
      return fail('the session could not be written to disk');
    }
  }

  /** Removes the tokens from disk (sign-out, opt-out of plaintext, Client ID change). */
  public clear(): void {
    this.deps.store.delete(VAULT_KEY);
  }

  /** Deletes every blob set aside as unreadable: kept for diagnosis only until the user signs out. */
  public wipeSetAside(): void {
    for (const key of this.setAsideKeys()) this.deps.store.delete(key);
    this.deps.store.delete(SET_ASIDE_INDEX_KEY);
  }

  private setAsideKeys(): string[] {
    const raw = this.deps.store.get(SET_ASIDE_INDEX_KEY);
    // Only our own keys: a tampered index must not make sign-out delete settings.
    return Array.isArray(raw) ? raw.filter((k): k is string => typeof k === 'string' && k.startsWith(`${VAULT_KEY}-corrupt-`)) : [];
  }

  private async available(): Promise<boolean> {
    try {
      return await this.deps.cipher.isAvailable();
    } catch {
      return false;
    }
  }

  private setAside(raw: unknown, reason: string): VaultLoad {
    const setAsideAs = `${VAULT_KEY}-corrupt-${new Date(this.deps.clock.now()).toISOString().replace(/[:.]/g, '-')}`;
    this.deps.store.set(setAsideAs, { reason, blob: raw });
    const kept = [...this.setAsideKeys().filter((k) => k !== setAsideAs), setAsideAs];
    // A bounded number kept; the oldest go for good rather than drop out of the index still on disk.
    while (kept.length > MAX_SET_ASIDE) this.deps.store.delete(kept.shift() ?? '');
    this.deps.store.set(SET_ASIDE_INDEX_KEY, kept);
    this.deps.store.delete(VAULT_KEY);
    this.deps.logger.warn('saved session set aside', { reason, setAsideAs });
    return { kind: 'unreadable', reason, setAsideAs };
  }
}

function decryptFailure(envelope: Envelope, backendNow: string): string {
  return envelope.backend !== backendNow
    ? `this computer's secure storage changed (from ${envelope.backend} to ${backendNow}), so the saved sign-in cannot be read`
    : 'the saved sign-in cannot be decrypted (the app may have been renamed or the key store reset)';
}
