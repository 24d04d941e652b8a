import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { APP_ORIGIN } from '../windows/app-origin';

import { createStaticHandler, type StaticHandler } from './static-handler';

// The build writes `.br`/`.gz` beside each hashed asset (vite-plugins/precompress-plugin.ts): the host serves them
// as they are, so the first load after a start is as fast as later ones (no brotli q11 on the request path).

let dir: string;
let host: StaticHandler;
const SCRIPT = `export const big = ${JSON.stringify('trayplay '.repeat(2000))};\n`;
// Quality 1, not the handler's 11: different bytes, so a test can tell the build's file from a fresh compression.
const PRE_BR = brotliCompressSync(SCRIPT, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
const PRE_GZ = gzipSync(SCRIPT, { level: 1 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trayplay-precompressed-'));
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'assets', 'react-Db-_YT-E.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'react-Db-_YT-E.js.br'), PRE_BR);
  writeFileSync(join(dir, 'assets', 'react-Db-_YT-E.js.gz'), PRE_GZ);
  // A leftover older than its asset is not trusted.
  writeFileSync(join(dir, 'assets', 'stale-AbCdEfGh.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'stale-AbCdEfGh.js.br'), brotliCompressSync('something else'));
  utimesSync(join(dir, 'assets', 'stale-AbCdEfGh.js.br'), new Date(2020, 0, 1), new Date(2020, 0, 1));
  // Unhashed files may change under their name: compressed per request-version, never from a file beside them.
  writeFileSync(join(dir, 'icon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(100)}</svg>`);
  writeFileSync(join(dir, 'icon.svg.br'), brotliCompressSync('<svg>old</svg>'));
  host = createStaticHandler({ root: dir, origin: APP_ORIGIN, csp: () => "default-src 'none'", compress: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = (path: string, accept: string | null): Request =>
  new Request(`${APP_ORIGIN}${path}`, { headers: accept === null ? {} : { 'accept-encoding': accept } });
const bytes = async (response: Response): Promise<Buffer> => Buffer.from(await response.arrayBuffer());

describe('static handler — precompressed assets', () => {
  it('serves a hashed asset’s build-time .br as it is, on the first request, with its headers', async () => {
    const response = await host(request('/assets/react-Db-_YT-E.js', 'gzip, deflate, br'));
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await bytes(response);
    expect(body.equals(PRE_BR)).toBe(true);
    expect(Number(response.headers.get('content-length'))).toBe(body.length);
    expect(brotliDecompressSync(body).toString('utf8')).toBe(SCRIPT);
  });

  it('serves the build-time .gz where only gzip is accepted, and the plain file where nothing is', async () => {
    const gz = await host(request('/assets/react-Db-_YT-E.js', 'gzip'));
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect((await bytes(gz)).equals(PRE_GZ)).toBe(true);
    const plain = await host(request('/assets/react-Db-_YT-E.js', null));
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await bytes(plain)).toString('utf8')).toBe(SCRIPT);
  });

  it('compresses afresh when the file beside the asset is older than it, or the file is not a hashed asset', async () => {
    const stale = await host(request('/assets/stale-AbCdEfGh.js', 'br'));
    expect(stale.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(await bytes(stale)).toString('utf8')).toBe(SCRIPT);
    const svg = await host(request('/icon.svg', 'br'));
    expect(brotliDecompressSync(await bytes(svg)).toString('utf8')).toMatch(/^<svg xmlns/);
  });

  it('never serves the compressed files themselves, nor compressed bodies where compression is off (app://)', async () => {
    expect((await host(request('/assets/react-Db-_YT-E.js.br', 'br'))).status).toBe(404);
    expect((await host(request('/assets/react-Db-_YT-E.js.gz', null))).status).toBe(404);
    const local = createStaticHandler({ root: dir, origin: APP_ORIGIN, csp: () => "default-src 'none'" });
    const response = await local(request('/assets/react-Db-_YT-E.js', 'br, gzip'));
    expect(response.headers.get('content-encoding')).toBeNull();
    expect((await bytes(response)).toString('utf8')).toBe(SCRIPT);
  });
});
