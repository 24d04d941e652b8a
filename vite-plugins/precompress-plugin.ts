import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { Plugin } from 'vite';

import { compressBody, precompressedSuffix } from '../electron/net/content-encoding';

/** What the host would compress: the build's text assets under `assets/` (hashed names; pages carry a runtime CSP). */
const PRECOMPRESSED = /^assets\/[^/]+\.(js|mjs|css|svg|json)$/;

/**
 * Writes `<asset>.br` (brotli q11) and `<asset>.gz` (gzip 9) beside each hashed text asset, so the headless host
 * serves the first load after a start as fast as later ones (electron/net/static-handler.ts). Electron's app://
 * handler never compresses; electron-builder leaves these files out of the package.
 */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'trayplay:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const jobs: Promise<void>[] = [];
      for (const [name, output] of Object.entries(bundle)) {
        if (!PRECOMPRESSED.test(name)) continue;
        if (output.type !== 'chunk' && output.type !== 'asset') continue;
        // The bytes as written (what the host reads), not the bundle's in-memory form.
        const file = join(outDir, name);
        jobs.push(
          readFile(file).then(async (body) => {
            for (const encoding of ['br', 'gzip'] as const) await writeFile(`${file}${precompressedSuffix(encoding)}`, await compressBody(body, encoding));
          }),
        );
      }
      await Promise.all(jobs);
    },
  };
}
