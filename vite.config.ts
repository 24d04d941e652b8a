import { builtinModules } from 'node:module';
import { resolve } from 'node:path';

import { defineConfig, type UserConfig } from 'vite';

const root = import.meta.dirname;
const nodeExternals = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** The renderer: two pages (main window, mini-player), sandboxed, talking to main only through the contract. */
const renderer: UserConfig = {
  root: resolve(root, 'renderer'),
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(root, 'dist/renderer'),
    emptyOutDir: true,
    target: 'chrome140',
    rollupOptions: {
      input: { main: resolve(root, 'renderer/index.html'), mini: resolve(root, 'renderer/mini.html') },
      // Third-party code (React, zod) in one chunk that both pages share.
      output: { codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] } },
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
