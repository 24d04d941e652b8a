import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import type { KeyValueStore } from '../ports/key-value-store';

import { scrubSetAsideCopies, setAsideDamagedFile } from './set-aside-file';

/**
 * A JSON file as a key-value store, for the headless host and tests. Every write replaces the file
 * atomically (temp file + rename) with mode 0600. A file that is not valid JSON is replaced by a set-aside note
 * (reason, size, time; never its content, which holds the token envelope).
 */
export class FileStore implements KeyValueStore {
  private data: Record<string, unknown>;

  public constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    scrubSetAsideCopies(path);
    this.data = this.read();
  }

  public get(key: string): unknown {
    return Object.hasOwn(this.data, key) ? structuredClone(this.data[key]) : undefined;
  }

  public set(key: string, value: unknown): void {
    this.data = { ...this.data, [key]: structuredClone(value) };
    this.write();
  }

  public delete(key: string): void {
    if (!Object.hasOwn(this.data, key)) return;
    this.data = Object.fromEntries(Object.entries(this.data).filter(([name]) => name !== key));
    this.write();
  }

  private read(): Record<string, unknown> {
    if (!existsSync(this.path)) return {};
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (cause) {
      // A failed read says nothing about the content: setting it aside would delete the vault and settings.
      throw new Error(`Cannot read the store file ${this.path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // Fall through: set aside below.
    }
    setAsideDamagedFile(this.path, 'the store file is not a JSON object');
    return {};
  }

  private write(): void {
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.data, null, 2), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }
}
