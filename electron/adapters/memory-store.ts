import type { KeyValueStore } from '../ports/key-value-store';

/** An in-memory key-value store for tests and the soak (values are cloned, as a file round-trip would). */
export class MemoryStore implements KeyValueStore {
  private readonly data = new Map<string, unknown>();

  public get(key: string): unknown {
    return this.data.has(key) ? structuredClone(this.data.get(key)) : undefined;
  }

  public set(key: string, value: unknown): void {
    this.data.set(key, structuredClone(value));
  }

  public delete(key: string): void {
    this.data.delete(key);
  }

  public keys(): string[] {
    return [...this.data.keys()];
  }
}
