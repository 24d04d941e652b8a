import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { createSimulator } from '../../simulator/index';
import { KeyFileCipher } from '../adapters/key-file-cipher';
import { TestOnlyCipher } from '../adapters/test-cipher';
import { simulatorEndpoints } from '../auth/endpoints';
import { rendererCsp } from '../net/csp';

import { startHost, type Host } from './host';

// Attacks on the web preview (the headless host, which `npm start` falls back to): each must fail.

const CLIENT_ID = '0123456789abcdef0123456789abcdef';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A minimal built renderer, so these tests do not depend on `npm run build`. */
function rendererDir(): string {
  const dir = tempDir('trayplay-renderer-');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>Trayplay</title></head><body>app</body></html>');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'main.js'), 'export {};');
  return dir;
}

async function host(extra: Partial<Parameters<typeof startHost>[0]> = {}): Promise<Host & { logs: string[]; userDataDir: string }> {
  const logs: string[] = [];
  const userDataDir = extra.userDataDir ?? tempDir('trayplay-host-');
  const started = await startHost({ rendererDir: rendererDir(), userDataDir, logSink: (line) => logs.push(line), ...extra });
  cleanups.push(() => started.close());
  return Object.assign(started, { logs, userDataDir });
}

const keyOf = (h: Host): string => new URL(h.url).hash.replace('#key=', '');

/** Opens a WebSocket; resolves with the HTTP status of a refusal, or 101 once open. */
function upgrade(url: string, headers: Record<string, string>): Promise<{ status: number; socket: WebSocket | null }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers, origin: headers.origin });
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, socket: null });
      socket.terminate();
    });
    socket.once('error', () => resolve({ status: 0, socket: null }));
  });
}

describe('attack: read or drive the web preview from another local process', () => {
  it('a client with the right Origin but no secret, or a wrong one, is refused before any call', async () => {
    const h = await host();
    const ws = `${h.origin.replace('http', 'ws')}/contract`;
    expect((await upgrade(ws, { origin: h.origin })).status).toBe(401);
    expect((await upgrade(`${ws}?key=${'A'.repeat(43)}`, { origin: h.origin })).status).toBe(401);
    expect((await upgrade(`${ws}?key=`, { origin: h.origin })).status).toBe(401);
    // Control: the page's own URL works.
    const good = await upgrade(`${ws}?key=${keyOf(h)}`, { origin: h.origin });
    expect(good.status).toBe(101);
    good.socket?.close();
    // The secret never reaches a log line.
    expect(h.logs.join('\n')).not.toContain(keyOf(h));
    expect(h.logs.some((line) => line.includes('refused a WebSocket connection') && line.includes('"reason":"key"'))).toBe(true);
  });

  it('the secret is not guessable from one launch to the next', async () => {
    const a = await host();
    const b = await host();
    expect(keyOf(a)).not.toBe(keyOf(b));
    expect(keyOf(a)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('another OS user (uid nobody), forging the Origin, cannot connect', async (context) => {
    if (process.getuid?.() !== 0) context.skip(); // acting as another user needs root; the secret check above covers the same path
    const h = await host();
    const port = new URL(h.origin).port;
    // A raw upgrade request from a process running as nobody, without the secret (it cannot read it).
    const script = `
      const req = require('http').request({ host: '127.0.0.1', port: ${port}, path: '/contract', headers: {
        Connection: 'Upgrade', Upgrade: 'websocket', Origin: 'http://127.0.0.1:${port}',
        'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
      req.on('response', (r) => { console.log(r.statusCode); process.exit(0); });
      req.on('upgrade', () => { console.log(101); process.exit(0); });
      req.on('error', (e) => { console.log('error ' + e.message); process.exit(0); });
      req.end();`;
    // Asynchronously: the host answers on this event loop.
    const child = spawn(process.execPath, ['-e', script], { uid: 65534, gid: 65534, cwd: '/', timeout: 10_000 });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    await new Promise((resolve) => child.once('close', resolve));
    expect(stdout.trim()).toBe('401');
  });

  it('a wrong Host header (DNS rebinding) gets neither the WebSocket nor the static files', async () => {
    const h = await host();
    const port = Number(new URL(h.origin).port);
    const ws = `${h.origin.replace('http', 'ws')}/contract?key=${keyOf(h)}`;
    for (const hostHeader of [`evil.example:${port}`, `localhost:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1']) {
      expect((await upgrade(ws, { origin: h.origin, host: hostHeader })).status, hostHeader).toBe(403);
      const status = await new Promise<number>((resolve) => {
        httpRequest({ host: '127.0.0.1', port, path: '/index.html', headers: { host: hostHeader } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        }).end();
      });
      expect(status, hostHeader).toBe(403);
    }
  });

  it('absolute-form and traversal requests to the static server are refused', async () => {
    const h = await host();
    const port = Number(new URL(h.origin).port);
    const raw = (line: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = netConnect(port, '127.0.0.1', () => socket.write(`${line}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
        let out = '';
        socket.on('data', (chunk: Buffer) => (out += chunk.toString('latin1')));
        socket.on('close', () => resolve(out.split('\r\n')[0] ?? ''));
      });
    expect(await raw('GET http://127.0.0.1/index.html HTTP/1.1')).toMatch(/ 400 /);
    expect(await raw('GET /../../../etc/passwd HTTP/1.1')).toMatch(/ 404 /);
    expect(await raw('GET /..%2f..%2f..%2fetc%2fpasswd HTTP/1.1')).toMatch(/ 404 /);
    expect(await raw('GET //etc/passwd HTTP/1.1')).toMatch(/ 400 /);
    expect(await raw('GET /index.html HTTP/1.1')).toMatch(/ 200 /);
  });

  it('caps the number of connected pages', async () => {
    const h = await host({ wsLimits: { maxConnections: 3 } });
    const ws = `${h.origin.replace('http', 'ws')}/contract?key=${keyOf(h)}`;
    const open = await Promise.all([1, 2, 3].map(() => upgrade(ws, { origin: h.origin })));
    expect(open.map((o) => o.status)).toEqual([101, 101, 101]);
    expect((await upgrade(ws, { origin: h.origin })).status).toBe(503);
    open[0]!.socket!.close();
    await new Promise((resolve) => open[0]!.socket!.once('close', resolve));
    // Closing one frees a place (the server notices the close first).
    let again = await upgrade(ws, { origin: h.origin });
    for (let i = 0; i < 50 && again.status !== 101; i += 1) again = await upgrade(ws, { origin: h.origin });
    expect(again.status).toBe(101);
    for (const o of [...open.slice(1), again]) o.socket?.close();
  });

  it('a flood of calls on one socket is refused with typed errors, then the socket is closed', async () => {
    const h = await host({ wsLimits: { burst: 50, perSecond: 1, maxRefusedInRow: 200 } });
    const { socket } = await upgrade(`${h.origin.replace('http', 'ws')}/contract?key=${keyOf(h)}`, { origin: h.origin });
    const codes = new Map<string, number>();
    const closed = new Promise<number>((resolve) => socket!.once('close', (code) => resolve(code)));
    socket!.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { t: string; r?: { ok: boolean; error?: { code: string } } };
      if (frame.t !== 'reply') return;
      const key = frame.r?.ok ? 'ok' : (frame.r?.error?.code ?? '?');
      codes.set(key, (codes.get(key) ?? 0) + 1);
    });
    for (let id = 1; id <= 2000; id += 1) socket!.send(JSON.stringify({ t: 'call', id, ch: 'app:getInfo' }));
    expect(await closed).toBe(1008);
    // At most the burst (plus what refilled meanwhile) was served.
    expect(codes.get('ok') ?? 0).toBeLessThanOrEqual(55);
    expect(codes.get('rate_limited') ?? 0).toBeGreaterThan(100);
    expect(h.logs.some((line) => line.includes('closed a flooding WebSocket'))).toBe(true);
  });
});

describe('the web preview\'s pages carry its CSP', () => {
  it('as a header and a meta tag on every page: own WebSocket only, scripts from self, nothing else by default', async () => {
    const h = await host();
    const port = Number(new URL(h.origin).port);
    for (const path of ['/', '/index.html']) {
      const response = await fetch(`${h.origin}${path}`);
      const csp = response.headers.get('content-security-policy');
      expect(csp, path).toBe(rendererCsp({ shell: 'web', wsOrigin: `ws://127.0.0.1:${port}`, demoArtOrigin: h.services.demoArtOrigin() }));
      for (const directive of ["default-src 'none'", "script-src 'self'", `connect-src ws://127.0.0.1:${port};`, "frame-ancestors 'none'"]) {
        expect(csp, `${path}: ${directive}`).toContain(directive);
      }
      expect(await response.text(), path).toContain('http-equiv="Content-Security-Policy"');
    }
  });
});

describe('--port 80: the browser omits the default port from Host and Origin', () => {
  it('the preview on port 80 serves its page and accepts its own WebSocket, as a browser addresses them', async (context) => {
    if (process.getuid?.() !== 0) context.skip(); // binding port 80 needs root; host-check tests cover the rule itself
    const h = await host({ port: 80 });
    expect(h.origin).toBe('http://127.0.0.1');
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1\/#key=/);
    const page = await new Promise<{ status: number; csp: string }>((resolve) => {
      httpRequest({ host: '127.0.0.1', port: 80, path: '/', headers: { host: '127.0.0.1' } }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, csp: String(response.headers['content-security-policy']) });
      }).end();
    });
    expect(page.status).toBe(200);
    expect(page.csp).toContain('connect-src ws://127.0.0.1;');
    const opened = await upgrade(`ws://127.0.0.1/contract?key=${keyOf(h)}`, { origin: 'http://127.0.0.1', host: '127.0.0.1' });
    expect(opened.status).toBe(101);
    opened.socket?.close();
  });
});

describe('attack: the demo simulator (an auto-approving OAuth server) beside a real account', () => {
  it('listens only while demo mode is on', async () => {
    const h = await host();
    const demoUrl = h.services.demoArtOrigin();
    expect(demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${demoUrl!}/v1/me`)).status).toBe(401); // it is up, and is the simulator
    await h.services.auth.setClientId(CLIENT_ID);
    expect(h.services.isDemo()).toBe(false);
    await expect.poll(() => fetch(`${demoUrl!}/authorize`).then(() => 'up', () => 'closed')).toBe('closed');
    expect(h.services.demoArtOrigin()).toBeNull();
    // Back to demo: it listens again (for the art), on a fresh port.
    await h.services.auth.setClientId(null);
    await expect.poll(() => h.services.demoArtOrigin()).not.toBeNull();
  });

  it('never starts when the app starts with a Client ID', async () => {
    const userDataDir = tempDir('trayplay-host-');
    writeFileSync(
      join(userDataDir, 'trayplay.json'),
      JSON.stringify({ authSettings: { v: 1, clientId: CLIENT_ID, redirectMode: 'loopback', plaintextOptIn: false } }),
    );
    const h = await host({ userDataDir });
    expect(h.services.isDemo()).toBe(false);
    expect(h.services.demoArtOrigin()).toBeNull();
    expect(h.services.simulator.baseUrl).toBe('http://127.0.0.1:0');
  });
});

describe('attack: decrypt the preview store with the key in the repository', () => {
  async function signedIn(userDataDir?: string): Promise<Host & { logs: string[]; userDataDir: string }> {
    const sim = createSimulator({ clients: [{ clientId: CLIENT_ID, redirectUris: ['trayplay://callback', 'http://127.0.0.1/callback'] }] });
    const real = await sim.listen(0, '127.0.0.1');
    cleanups.push(() => real.close());
    const opened: string[] = [];
    const h = await host({
      ...(userDataDir ? { userDataDir } : {}),
      browser: { open: (url) => (opened.push(url), Promise.resolve()) },
      services: { endpointsOverride: simulatorEndpoints(real.url), protocol: { register: () => ({ ok: true, value: null }) } },
    });
    await h.services.auth.setClientId(CLIENT_ID);
    await h.services.auth.setRedirectMode('protocol');
    expect((await h.services.auth.signIn()).ok).toBe(true);
    h.services.handleProtocolUrl(await sim.control.approve(opened[0]!));
    await h.services.auth.settled();
    expect(h.services.auth.state().kind).toBe('signedIn');
    return h;
  }

  const storeOf = (dir: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, 'trayplay.json'), 'utf8')) as Record<string, unknown>;
  const decryptWith = async (cipher: TestOnlyCipher | KeyFileCipher, envelope: unknown): Promise<string | null> => {
    const text = (envelope as { ciphertext?: string } | undefined)?.ciphertext;
    if (!text) return null;
    return cipher.decrypt(Buffer.from(text, 'base64')).then(
      (d) => d.plain,
      () => null,
    );
  };

  it('a real account is kept in memory only: nothing on disk to decrypt, and the page is told so', async () => {
    const h = await signedIn();
    expect(h.services.auth.settings().storage).toMatchObject({ secure: false, backend: 'web_preview_key_file', plaintextOptIn: false });
    expect(h.services.auth.state()).toMatchObject({ kind: 'signedIn', persistence: 'memoryOnly' });
    const store = storeOf(h.userDataDir);
    expect(store.tokens).toBeUndefined();
    expect(JSON.stringify(store)).not.toMatch(/refresh|access/i);
  });

  it('after the opt-in, the repo key decrypts nothing; the store and its key are owner-only', async () => {
    const h = await signedIn();
    await h.services.auth.setPlaintextOptIn(true);
    expect(h.services.auth.state()).toMatchObject({ persistence: 'plaintextOptIn' });
    const envelope = storeOf(h.userDataDir).tokens;
    expect(envelope).toBeDefined();
    expect(await decryptWith(new TestOnlyCipher(), envelope)).toBeNull();
    // Control: the machine's own key does decrypt it (so the assertion above is about the key, not the data).
    expect(await decryptWith(new KeyFileCipher(join(h.userDataDir, 'preview-key')), envelope)).toContain('refreshToken');
    expect(statSync(join(h.userDataDir, 'preview-key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(h.userDataDir, 'trayplay.json')).mode & 0o777).toBe(0o600);
  });

  it('opting out again removes the tokens from disk', async () => {
    const h = await signedIn();
    await h.services.auth.setPlaintextOptIn(true);
    await h.services.auth.setPlaintextOptIn(false);
    expect(storeOf(h.userDataDir).tokens).toBeUndefined();
    expect(readdirSync(h.userDataDir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('a damaged key file is an error, never a fresh key that silently orphans the store', async () => {
    const dir = tempDir('trayplay-key-');
    writeFileSync(join(dir, 'preview-key'), 'short\n');
    chmodSync(join(dir, 'preview-key'), 0o600);
    await expect(new KeyFileCipher(join(dir, 'preview-key')).encrypt('x')).rejects.toThrow(/damaged/);
    await expect(new KeyFileCipher(join(dir, 'missing')).decrypt(new Uint8Array(40))).rejects.toThrow(/no preview key/);
  });
});
