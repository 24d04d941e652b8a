/** A secret that is replaced as a session goes on: the live one is never forgotten, the replaced one may be. */
export type SecretRole = 'access' | 'refresh';

/** Where every token, code and verifier is registered the moment it is known, so logs redact it (RootLogger). */
export interface SecretRegistry {
  addSecret(secret: string, role?: SecretRole): void;
}
