import { createServer, get as httpGet, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { serveStaticOverHttp } from '../host/static-files';
import { APP_ORIGIN } from '../windows/app-origin';

import { chooseEncoding } from './content-encoding';
import { createStaticHandler, type StaticHandler } from './static-handler';

// What the handler says about caching and compression (the path-safety attacks live in security-app-protocol.test.ts).

let dir: string;
let handler: StaticHandler;
const SCRIPT = `export const big = ${JSON.stringify('trayplay '.repeat(2000))};\n`;
const CSP = "default-src 'none'";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trayplay-static-'));
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><title>t</title></head><body>${'<p>x</p>'.repeat(200)}</body></html>`);
  writeFileSync(join(dir, 'assets', 'main-DAlUKNYa.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'main-DAlUKNYa.css'), `body{color:red}${'.a{margin:0}'.repeat(300)}`);
  writeFileSync(join(dir, 'assets', 'art.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]));
  writeFileSync(join(dir, 'icon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(100)}</svg>`);
  handler = createStaticHandler({ root: dir, origin: APP_ORIGIN, csp: () => CSP, compress: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (path: string, acceptEncoding?: string, method = 'GET'): Promise<Response> =>
  handler(new Request(`${APP_ORIGIN}${path}`, { method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }));

const bytes = async (response: Response): Promise<Buffer> => Buffer.from(await response.arrayBuffer());

describe('static handler — compression', () => {
  it('sends brotli when the request accepts it, with a matching length and Vary', async () => {
    const response = await get('/assets/main-DAlUKNYa.js', 'gzip, deflate, br, zstd');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    const body = await bytes(response);
    expect(Number(response.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(body).toString('utf8')).toBe(SCRIPT);
  });

  it('sends gzip when that is all the request accepts', async () => {
    const response = await get('/assets/main-DAlUKNYa.css', 'gzip');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(response)).toString('utf8')).toMatch(/^body\{color:red\}/);
  });

  it('compresses the pages after the CSP is put in, so the policy survives', async () => {
    const response = await get('/index.html', 'br');
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(await bytes(response)).toString('utf8')).toContain(`content="${CSP}"`);
  });

  it('sends identity without Accept-Encoding, or when every coding is refused — still with Vary', async () => {
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', 'compress']) {
      const response = await get('/assets/main-DAlUKNYa.js', accept);
      expect(response.headers.get('content-encoding'), String(accept)).toBeNull();
      expect(response.headers.get('vary'), String(accept)).toBe('Accept-Encoding');
      expect((await bytes(response)).toString('utf8')).toBe(SCRIPT);
    }
  });

  it('leaves images alone (already compressed), without Vary', async () => {
    const response = await get('/assets/art.png', 'br, gzip');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('vary')).toBeNull();
    expect((await bytes(response)).length).toBe(8);
  });

  it('answers HEAD with the compressed headers and no body', async () => {
    const response = await get('/assets/main-DAlUKNYa.js', 'br', 'HEAD');
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    expect((await bytes(response)).length).toBe(0);
  });

  it('sends identity where compression is off (app://: local pages gain nothing, the shell need not decode)', async () => {
    const local = createStaticHandler({ root: dir, origin: APP_ORIGIN, csp: () => CSP });
    const response = await local(new Request(`${APP_ORIGIN}/assets/main-DAlUKNYa.js`, { headers: { 'accept-encoding': 'br, gzip' } }));
    expect(response.headers.get('content-encoding')).toBeNull();
    expect((await bytes(response)).toString('utf8')).toBe(SCRIPT);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('picks the coding from Accept-Encoding by quality', () => {
    expect(chooseEncoding(null)).toBe('identity');
    expect(chooseEncoding('gzip, br')).toBe('br');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('gzip;q=1.0, br;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0')).toBe('identity');
    expect(chooseEncoding('BR')).toBe('br');
    expect(chooseEncoding('deflate')).toBe('identity');
  });
});

describe('static handler — caching', () => {
  it('marks hashed assets immutable for a year', async () => {
    for (const path of ['/assets/main-DAlUKNYa.js', '/assets/main-DAlUKNYa.css']) {
      expect((await get(path, 'br')).headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
    }
  });

  it('makes the pages and unhashed files revalidate (no-cache)', async () => {
    expect((await get('/index.html')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/icon.svg')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/assets/art.png')).headers.get('cache-control')).toBe('no-cache');
  });

  it('never lets a refusal be cached', async () => {
    const missing = await get('/assets/missing-DAlUKNYa.js', 'br');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect(missing.headers.get('content-encoding')).toBeNull();
  });
});

describe('static handler — over the headless host', () => {
  it('forwards Accept-Encoding, so the browser gets the compressed, cacheable script', async () => {
    // As the host wires it: the handler's origin is known once the port is.
    let serve: ReturnType<typeof serveStaticOverHttp> = () => Promise.resolve();
    const server = createServer((request, response) => void serve(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    serve = serveStaticOverHttp(createStaticHandler({ root: dir, origin: `http://127.0.0.1:${port}`, csp: () => CSP, compress: true }), () => port);
    try {
      const { headers, body } = await new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        httpGet({ host: '127.0.0.1', port, path: '/assets/main-DAlUKNYa.js', headers: { 'accept-encoding': 'gzip, br' } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      expect(headers['content-encoding']).toBe('br');
      expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(body).toString('utf8')).toBe(SCRIPT);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
