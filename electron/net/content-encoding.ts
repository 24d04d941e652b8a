import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The coding to send for an Accept-Encoding header: brotli over gzip at equal quality, identity when none fits. */
export function chooseEncoding(header: string | null): Encoding {
  if (header === null) return 'identity';
  const quality = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name !== '') quality.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const of = (coding: 'br' | 'gzip'): number => quality.get(coding) ?? quality.get('*') ?? 0;
  const br = of('br');
  const gz = of('gzip');
  if (br > 0 && br >= gz) return 'br';
  return gz > 0 ? 'gzip' : 'identity';
}

/** Text types gain from compression; images and fonts are compressed already. */
export const isCompressible = (contentType: string): boolean => /^(text\/|application\/json|image\/svg\+xml)/.test(contentType);

/** The file the build writes beside an asset for this coding (vite-plugins/precompress-plugin.ts). */
export const precompressedSuffix = (encoding: 'br' | 'gzip'): string => (encoding === 'br' ? '.br' : '.gz');

/** The one compression setting for both the build's files and the host's answers: brotli q11, gzip 9. */
export function compressBody(body: Uint8Array, encoding: 'br' | 'gzip'): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
    : gzipAsync(body, { level: 9 });
}

/**
 * Compressed bodies kept in memory by a key that changes with the content (file identity and version, plus
 * the CSP for pages), so each asset is compressed once per process, off the event loop. The renderer is a few
 * hundred KB in all; entries of superseded versions are dropped when their key is replaced.
 */
export function createCompressionCache(): (key: string, version: string, body: Uint8Array, encoding: 'br' | 'gzip') => Promise<Buffer> {
  const entries = new Map<string, { readonly version: string; readonly body: Promise<Buffer> }>();
  return (key, version, body, encoding) => {
    const slot = `${encoding}\u0000${key}`;
    const found = entries.get(slot);
    if (found !== undefined && found.version === version) return found.body;
    const compressed = compressBody(body, encoding);
    // A failed compression is not remembered: the next request tries again.
    const settled = compressed.catch((error: unknown) => {
      entries.delete(slot);
      throw error;
    });
    entries.set(slot, { version, body: settled });
    return settled;
  };
}
