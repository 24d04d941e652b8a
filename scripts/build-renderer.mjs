// The renderer is two Vite builds into one folder: the main window (React; empties the folder), then the
// mini-player page (Preact's compat layer, see vite.config.ts). Every caller builds both, in this order.
import { build } from 'vite';

/** @param {{ outDir?: string, logLevel?: 'info' | 'warn' | 'error' | 'silent', configFile?: string }} [options] */
export async function buildRenderer(options = {}) {
  const { outDir, logLevel = 'info', configFile } = options;
  for (const [mode, emptyOutDir] of [
    ['production', true],
    ['mini', false],
  ]) {
    await build({ mode, logLevel, ...(configFile === undefined ? {} : { configFile }), ...(outDir === undefined ? {} : { build: { outDir, emptyOutDir } }) });
  }
}
