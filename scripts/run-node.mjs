// Runs a TypeScript entry (simulator, benchmarks, headless host) in plain Node: Vite bundles it for Node
// (node_modules stay external), then the bundle runs with the remaining arguments.
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-node.mjs <entry.ts> [args…]');
  process.exit(2);
}
const name = entry.replace(/[\\/]/g, '_').replace(/\.tsx?$/, '');
const outDir = join(root, 'node_modules/.cache/trayplay-node', name);
mkdirSync(outDir, { recursive: true });
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, entry),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: { output: { entryFileNames: `${basename(name)}.mjs`, format: 'es' } },
  },
});
process.argv = [process.argv[0], resolve(root, entry), ...rest];
// Bundles run from a cache folder: tell them where the project is.
process.env.TRAYPLAY_ROOT = root;
await import(pathToFileURL(join(outDir, `${basename(name)}.mjs`)).href);
