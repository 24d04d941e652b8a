import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, expect, it } from 'vitest';

import { createSimulator } from '../../simulator/index';
import { FileStore } from '../adapters/file-store';
import { KeyFileCipher } from '../adapters/key-file-cipher';
import { simulatorEndpoints } from '../auth/endpoints';

import { startHost } from './host';

// Attack (review #8, rev8 "B"): a damaged store file is set aside whole; its token envelope survived
// sign-out and still decrypted with the preview key to a live refresh token.
const CLIENT_ID = '0123456789abcdef0123456789abcdef';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const tmp = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};
const rendererDir = (): string => {
  const dir = tmp('sa-renderer-');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
  mkdirSync(join(dir, 'assets'));
  return dir;
};

async function signIn(userDataDir: string): Promise<Awaited<ReturnType<typeof startHost>>> {
  const sim = createSimulator({ clients: [{ clientId: CLIENT_ID, redirectUris: ['trayplay://callback', 'http://127.0.0.1/callback'] }] });
  const served = await sim.listen(0, '127.0.0.1');
  cleanups.push(() => served.close());
  const opened: string[] = [];
  const host = await startHost({
    rendererDir: rendererDir(),
    userDataDir,
    logSink: () => undefined,
    browser: { open: (url) => (opened.push(url), Promise.resolve()) },
    services: { endpointsOverride: simulatorEndpoints(served.url), protocol: { register: () => ({ ok: true, value: null }) } },
  });
  cleanups.push(() => host.close());
  await host.services.auth.setClientId(CLIENT_ID);
  await host.services.auth.setRedirectMode('protocol');
  await host.services.auth.signIn();
  host.services.handleProtocolUrl(await sim.control.approve(opened[0] ?? ''));
  await host.services.auth.settled();
  return host;
}

async function decryptable(text: string, cipher: KeyFileCipher): Promise<string[]> {
  const found: string[] = [];
  for (const m of text.matchAll(/"ciphertext":\s*"([^"]+)"/g)) {
    const plain = await cipher.decrypt(Buffer.from(m[1] ?? '', 'base64')).then((d) => d.plain, () => null);
    if (plain !== null) found.push(plain);
  }
  return found;
}

it('a damaged store set aside keeps no token envelope: nothing decrypts after sign-out', async () => {
  const dir = tmp('sa-user-');
  const first = await signIn(dir);
  await first.services.auth.setPlaintextOptIn(true);
  await first.close();
  const storePath = join(dir, 'trayplay.json');
  const before = readFileSync(storePath, 'utf8');
  expect(before).toContain('"ciphertext"');
  writeFileSync(storePath, `${before}\n}garbage`);

  const second = await signIn(dir); // the restart sets the damaged file aside; the user signs in again
  await second.services.auth.signOut();

  const aside = readdirSync(dir).filter((f) => f.startsWith('trayplay.json.corrupt-'));
  expect(aside).toHaveLength(1); // still kept for diagnosis …
  const text = readFileSync(join(dir, aside[0] ?? ''), 'utf8');
  expect(text).not.toContain('ciphertext'); // … but without the secret
  expect(await decryptable(text, new KeyFileCipher(join(dir, 'preview-key')))).toEqual([]);
  const note = JSON.parse(text) as { reason?: unknown; size?: unknown };
  expect(typeof note.reason).toBe('string');
  expect(note.size).toBe(before.length + 9);
});

it('a set-aside copy left by an older build is scrubbed when the store opens', () => {
  const dir = tmp('sa-legacy-');
  const legacy = join(dir, 'trayplay.json.corrupt-1700000000000');
  writeFileSync(legacy, '{"tokens":{"ciphertext":"c2VjcmV0"}} broken');
  new FileStore(join(dir, 'trayplay.json'));
  expect(readFileSync(legacy, 'utf8')).not.toContain('ciphertext');
});
