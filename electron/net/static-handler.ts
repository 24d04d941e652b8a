import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

import { chooseEncoding, createCompressionCache, isCompressible, precompressedSuffix } from './content-encoding';

/**
 * The one implementation that serves the built renderer: Electron's `app://trayplay` handler and the headless
 * host's HTTP server both call it. A web-standard `Request → Response` function, so it is tested in plain Node.
 */
export interface StaticHandlerOptions {
  /** The built renderer folder (dist/renderer). Nothing outside it is ever read. */
  readonly root: string;
  /** The only origin requests may name: `app://trayplay`, or `http://127.0.0.1:<port>` for the host. */
  readonly origin: string;
  /** The Content-Security-Policy of this shell, asked per page so it can follow demo mode's art server. */
  readonly csp: () => string;
  /**
   * Brotli/gzip text assets for requests that accept them: the host over HTTP. Off for app://, where the pages
   * are read from disk in the same process (nothing to save) and custom-scheme responses are not content-decoded.
   */
  readonly compress?: boolean;
}

export type StaticHandler = (request: Request) => Promise<Response>;

/** Only what the build emits; anything else is a 404, not a download. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

const CSP_META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/gi;

/**
 * The path segments of a URL path, or null when any segment could name something outside the root:
 * empty (`//`), dot segments (plain or percent-encoded), encoded separators (`%2f`, `%5c`), NUL or other
 * control characters, Windows drive letters, or malformed escapes.
 */
export function safeSegments(pathname: string): string[] | null {
  if (!pathname.startsWith('/')) return null;
  const raw = pathname === '/' ? ['index.html'] : pathname.slice(1).split('/');
  const out: string[] = [];
  for (const segment of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (decoded === '' || decoded === '.' || decoded === '..') return null;
    // eslint-disable-next-line no-control-regex
    if (/[/\\\u0000-\u001f\u007f:]/.test(decoded)) return null;
    out.push(decoded);
  }
  return out;
}

/** Security headers every answer carries. */
function baseHeaders(): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** Vite's output names: `assets/<name>-<8-char hash>.<ext>`. Their content never changes under that name. */
const HASHED_ASSET = /^[\w.-]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const isHashedAsset = (segments: readonly string[]): boolean =>
  segments.length === 2 && segments[0] === 'assets' && HASHED_ASSET.test(segments[1] ?? '');

/** Hashed assets are cached for good; pages (and anything unhashed) are revalidated on every load. */
function cacheControl(segments: readonly string[]): string {
  return isHashedAsset(segments) ? IMMUTABLE : 'no-cache';
}

/**
 * The build's compressed copy of a hashed asset (`<file>.br` / `.gz`, written after the asset), or null when
 * there is none, it is older than the asset, or it is not a plain file (a symlink could lead out of the root).
 * A hashed name's content never changes, so the copy is the asset's; compressing on the first request instead
 * cost ~0.9 s for the react chunk (brotli q11).
 */
async function precompressed(real: string, assetMtimeMs: number, encoding: 'br' | 'gzip'): Promise<Buffer | null> {
  const file = `${real}${precompressedSuffix(encoding)}`;
  try {
    const info = await lstat(file);
    if (!info.isFile() || info.mtimeMs < assetMtimeMs) return null;
    return await readFile(file);
  } catch {
    return null;
  }
}

function notFound(status = 404, text = 'Not found'): Response {
  return new Response(text, { status, headers: { ...baseHeaders(), 'content-type': 'text/plain; charset=utf-8' } });
}

/** The page's CSP in the page itself too, so both enforce the same policy (a stricter meta would intersect). */
export function withCspMeta(html: string, csp: string): string {
  // Directives a meta policy may not carry (browsers ignore them there, with a console warning): header only.
  const forMeta = csp
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !/^(frame-ancestors|report-uri|report-to|sandbox)\b/i.test(directive))
    .join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${forMeta.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`;
  const stripped = html.replace(CSP_META, '');
  return /<head[^>]*>/i.test(stripped) ? stripped.replace(/<head[^>]*>/i, (head) => `${head}\n    ${meta}`) : `${meta}\n${stripped}`;
}

export function createStaticHandler(options: StaticHandlerOptions): StaticHandler {
  const root = resolve(options.root);
  let realRoot: Promise<string> | null = null;
  const rootReal = (): Promise<string> => (realRoot ??= realpath(root).catch(() => root));
  const inside = (base: string, file: string): boolean => {
    const rel = relative(base, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };

  const compressed = createCompressionCache();

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { ...baseHeaders(), allow: 'GET, HEAD' } });
    }
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound(400, 'Bad request');
    }
    // Not `url.origin`: WHATWG URL gives 'null' for custom schemes such as app:.
    if (`${url.protocol}//${url.host}` !== options.origin || url.username !== '' || url.password !== '') {
      return notFound(403, 'Forbidden');
    }
    const segments = safeSegments(url.pathname);
    if (segments === null) return notFound();
    const type = MIME_TYPES[extname(segments[segments.length - 1] ?? '').toLowerCase()];
    if (type === undefined) return notFound();

    const file = join(root, ...segments);
    let body: Buffer;
    let real: string;
    let version: string;
    let mtimeMs: number;
    try {
      // Symlinks may not lead out of the root either.
      real = await realpath(file);
      const info = await stat(real);
      if (!inside(await rootReal(), real) || !info.isFile()) return notFound();
      body = await readFile(real);
      version = `${info.mtimeMs}:${info.size}`;
      mtimeMs = info.mtimeMs;
    } catch {
      return notFound();
    }
    const headers: Record<string, string> = { ...baseHeaders(), 'content-type': type, 'cache-control': cacheControl(segments) };
    let bytes: Uint8Array = body;
    if (type.startsWith('text/html')) {
      const csp = options.csp();
      headers['content-security-policy'] = csp;
      bytes = Buffer.from(withCspMeta(body.toString('utf8'), csp), 'utf8');
      // The page's bytes follow the CSP (demo mode changes it): part of what the cached compression is of.
      version = `${version}:${csp}`;
    }
    if (options.compress === true && isCompressible(type)) {
      // Every compressible answer varies by the request's codings, the identity one included.
      headers.vary = 'Accept-Encoding';
      const encoding = chooseEncoding(request.headers.get('accept-encoding'));
      if (encoding !== 'identity') {
        try {
          bytes = (isHashedAsset(segments) ? await precompressed(real, mtimeMs, encoding) : null) ?? (await compressed(real, version, bytes, encoding));
          headers['content-encoding'] = encoding;
        } catch {
          // Uncompressed is still a correct answer.
        }
      }
    }
    headers['content-length'] = String(bytes.byteLength);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(bytes), { status: 200, headers });
  };
}
