import { createHash, randomBytes } from 'node:crypto';

/** RFC 7636 unreserved characters: the only ones a verifier may hold. */
export const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

export type RandomBytes = (size: number) => Uint8Array;
const cryptoRandom: RandomBytes = (size) => randomBytes(size);

/** A verifier from the CSPRNG: 64 random bytes → 86 base64url characters (within 43–128, all unreserved). */
export function createVerifier(random: RandomBytes = cryptoRandom): string {
  return base64url(random(64));
}

/** base64url(SHA-256(verifier)), no padding: the S256 challenge. */
export function challengeOf(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

/** A fresh `state` per attempt: 32 random bytes, base64url. */
export function createState(random: RandomBytes = cryptoRandom): string {
  return base64url(random(32));
}
