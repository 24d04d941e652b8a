import { builtinModules } from 'node:module';
import { resolve } from 'node:path';

import { defineConfig, type UserConfig } from 'vite';

import { contractSchemasPlugin } from './vite-plugins/contract-checks-plugin';

const root = import.meta.dirname;
const nodeExternals = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** The renderer: two pages (main window, mini-player), sandboxed, talking to main only through the contract. */
const renderer: UserConfig = {
  root: resolve(root, 'renderer'),
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [contractSchemasPlugin()],
  build: {
    outDir: resolve(root, 'dist/renderer'),
    emptyOutDir: true,
    target: 'chrome140',
    // Chromium supports modulepreload: no polyfill.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { main: resolve(root, 'renderer/index.html'), mini: resolve(root, 'renderer/mini.html') },
      // React in one chunk both pages share. zod stays out of the first paint: the page checks payloads with
      // schemas generated from the contract; only lazily loaded parts (onboarding, settings) use zod itself.
      output: { codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] } },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
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

export default defineConfig(({ mode }) => (mode === 'main' ? main : mode === 'preload' ? preload : renderer));
