import { builtinModules, createRequire } from 'node:module';
import { resolve } from 'node:path';

import { defineConfig, type Alias, type UserConfig } from 'vite';

import { contractSchemasPlugin } from './vite-plugins/contract-checks-plugin';
import { earlyBridgePlugin } from './vite-plugins/early-bridge-plugin';
import { earlyPaintPlugin } from './vite-plugins/early-paint-plugin';
import { firstPaintGuardPlugin } from './vite-plugins/first-paint-guard-plugin';
import { precompressPlugin } from './vite-plugins/precompress-plugin';

const root = import.meta.dirname;
const nodeExternals = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * The mini-player is built with Preact's React compatibility layer (same components): react-dom alone is
 * ~68 KB gzipped, over the page's 75 KB budget before any app code. The main window keeps React.
 * Without the preact devDependency installed, the mini page falls back to React (and misses its budget).
 */
const preactInstalled = ((): boolean => {
  try {
    createRequire(import.meta.url).resolve('preact/compat');
    return true;
  } catch {
    return false;
  }
})();
const preactAliases: Alias[] = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
];

/** The contract bridge, a chunk of its own that each page also loads early (vite-plugins/early-bridge-plugin.ts). */
const bridgeGroup = { name: 'bridge', test: /renderer[\\/]bridge[\\/]|shared[\\/]ipc[\\/]|contract-schemas/ };

const rendererBase: UserConfig = {
  root: resolve(root, 'renderer'),
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [contractSchemasPlugin(), earlyPaintPlugin(root), earlyBridgePlugin(), firstPaintGuardPlugin(), precompressPlugin()],
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
};
const rendererBuild = {
  outDir: resolve(root, 'dist/renderer'),
  target: 'chrome140',
  // Chromium supports modulepreload: no polyfill.
  modulePreload: { polyfill: false },
} as const;

/** The renderer's main window: sandboxed, talking to main only through the contract. */
const renderer: UserConfig = {
  ...rendererBase,
  build: {
    ...rendererBuild,
    emptyOutDir: true,
    rollupOptions: {
      input: { main: resolve(root, 'renderer/index.html') },
      // React in its own chunk. zod stays out of the first paint: the page checks payloads with schemas
      // generated from the contract; only lazily loaded parts (onboarding, settings) use zod itself.
      // The bridge in its own chunk, ahead of React's in the entry's imports: it is evaluated first and asks
      // for the snapshot while React is still being evaluated (renderer/bridge/boot.ts).
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            bridgeGroup,
          ],
        },
      },
    },
  },
};

/** The mini-player page (on Preact), into the same folder after `renderer`, which empties it: build both, in that order. */
const miniRenderer: UserConfig = {
  ...rendererBase,
  plugins: [
    contractSchemasPlugin(),
    earlyPaintPlugin(root),
    earlyBridgePlugin(),
    firstPaintGuardPlugin(),
    precompressPlugin(),
    {
      name: 'trayplay:preact-missing',
      buildStart() {
        if (!preactInstalled) this.warn('preact is not installed (npm install): the mini-player page is built with React, over its 75 KB budget');
      },
    },
  ],
  resolve: { alias: preactInstalled ? preactAliases : [] },
  build: {
    ...rendererBuild,
    emptyOutDir: false,
    rollupOptions: { input: { mini: resolve(root, 'renderer/mini.html') }, output: { codeSplitting: { groups: [bridgeGroup] } } },
  },
};

/** Main process: one CommonJS bundle, so nothing before `ready` depends on async ESM loading. */
const main: UserConfig = {
  publicDir: false,
  // A packager may bake in a default Client ID: `TRAYPLAY_BUILD_CLIENT_ID=… npm run dist`.
  define: { __TRAYPLAY_BUILD_CLIENT_ID__: JSON.stringify(process.env.TRAYPLAY_BUILD_CLIENT_ID ?? '') },
  build: {
    outDir: resolve(root, 'dist/electron'),
    emptyOutDir: false,
    target: 'node22',
    ssr: resolve(root, 'electron/main.ts'),
    sourcemap: true,
    minify: true,
    rollupOptions: {
      external: nodeExternals,
      output: { format: 'cjs', entryFileNames: 'main.cjs' },
    },
  },
  // Bundle every dependency (electron-store is ESM-only): the packaged app ships no node_modules of its own.
  ssr: { noExternal: true },
};

/** Sandboxed preloads cannot use ESM or split chunks: a single CommonJS file. */
const preload: UserConfig = {
  publicDir: false,
  build: {
    outDir: resolve(root, 'dist/electron'),
    emptyOutDir: false,
    target: 'chrome140',
    ssr: resolve(root, 'electron/preload.ts'),
    minify: true,
    rollupOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false },
    },
  },
  ssr: { noExternal: true },
};

export default defineConfig(({ mode }) => {
  switch (mode) {
    case 'main':
      return main;
    case 'preload':
      return preload;
    case 'mini':
      return miniRenderer;
    default:
      return renderer;
  }
});
