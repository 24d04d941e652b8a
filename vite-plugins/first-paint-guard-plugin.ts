import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/** Modules that must never be in a page's first paint (zod: the pages check payloads with generated schemas). */
const FORBIDDEN = /node_modules[\\/]zod[\\/]/;

/** The chunks an entry loads before it runs: itself and its static imports, transitively. */
export function initialChunks(bundle: OutputBundle, entry: OutputChunk): OutputChunk[] {
  const seen = new Map<string, OutputChunk>();
  const visit = (chunk: OutputChunk): void => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) {
      const next = bundle[name];
      if (next?.type === 'chunk') visit(next);
    }
  };
  visit(entry);
  return [...seen.values()];
}

/** Fails the build when a page's initial chunks pull in a forbidden module (a chunk grouping can drag one in). */
export function firstPaintGuardPlugin(): Plugin {
  return {
    name: 'trayplay:first-paint-guard',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const entry of Object.values(bundle)) {
        if (entry.type !== 'chunk' || !entry.isEntry) continue;
        for (const chunk of initialChunks(bundle, entry)) {
          const found = Object.keys(chunk.modules).find((id) => FORBIDDEN.test(id));
          if (found !== undefined) this.error(`${entry.name}'s first paint loads ${chunk.fileName}, which bundles ${found}`);
        }
      }
    },
  };
}
