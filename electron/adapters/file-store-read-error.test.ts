import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { FileStore } from './file-store';

// Only a file that reads but does not parse is damage to set aside. A read that fails (EISDIR here; EACCES, EIO,
// EMFILE in the field) says nothing about the content: setting it aside would delete the vault and settings.
describe('FileStore when the file cannot be read', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('throws a clear error and leaves the file and its folder as they were', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trayplay-store-'));
    dirs.push(dir);
    const path = join(dir, 'trayplay.json');
    mkdirSync(path);
    writeFileSync(join(path, 'inner'), 'x');
    expect(() => new FileStore(path)).toThrow(/cannot read the store file/i);
    expect(readdirSync(dir)).toEqual(['trayplay.json']);
    expect(readdirSync(path)).toEqual(['inner']);
  });

  it('still sets a file aside that reads but is not a JSON object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trayplay-store-'));
    dirs.push(dir);
    const path = join(dir, 'trayplay.json');
    writeFileSync(path, '{"tokens": ');
    const store = new FileStore(path);
    expect(store.get('tokens')).toBeUndefined();
    expect(readdirSync(dir).some((name) => name.startsWith('trayplay.json.corrupt-'))).toBe(true);
  });
});
