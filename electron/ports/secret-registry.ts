/** Where every token, code and verifier is registered the moment it is known, so logs redact it (RootLogger). */
export interface SecretRegistry {
  addSecret(secret: string): void;
}
