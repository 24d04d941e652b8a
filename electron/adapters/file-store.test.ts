import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { FileStore } from './file-store';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'trayplay-store-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('FileStore', () => {
  it('persists values in an owner-only JSON file', () => {
    const path = join(tempDir(), 'trayplay.json');
    const store = new FileStore(path);
    store.set('a', { b: 1 });
    store.set('c', 'd');
    store.delete('c');
    expect(new FileStore(path).get('a')).toEqual({ b: 1 });
    expect(new FileStore(path).get('c')).toBeUndefined();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ a: { b: 1 } });
  });

  it('sets a corrupt file aside instead of deleting it', () => {
    const dir = tempDir();
    const path = join(dir, 'trayplay.json');
    writeFileSync(path, '{ not json');
    const store = new FileStore(path);
    expect(store.get('a')).toBeUndefined();
    expect(readdirSync(dir).some((f) => f.startsWith('trayplay.json.corrupt-'))).toBe(true);
  });
});
