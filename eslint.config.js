// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'crypto', 'child_process', 'net', 'url', 'stream'];

/** Folder boundaries, enforced: each entry says what a folder may not import. */
const boundary = (files, patterns, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [...patterns, ...extra] }],
  },
});

const SIMULATOR_ONLY_FOR_DEMO = {
  group: ['**/simulator/*', '**/simulator'],
  message: 'The app starts the simulator only for demo mode (electron/core/create-services.ts); tests use electron/testing/.',
};
const ours = (folder, message) => ({ group: [`**/${folder}/*`, `**/${folder}`], message });
const ELECTRON_ONLY_IN_ADAPTERS = {
  group: ['electron', 'electron/*'],
  message: 'Electron is imported only by adapters (electron/adapters/**), the preload and electron/main.ts.',
};

const ELECTRON_DOUBLE_ONLY_IN_TESTS = {
  group: ['**/testing/electron-double', '**/testing/electron-double/*'],
  message: 'The Electron double is test-only: app code never imports it (it would ship a fake Electron).',
};

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    // The pages' inline early script: plain browser JavaScript, run before any module.
    files: ['renderer/early/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Tests may use non-null assertions and loose fakes.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**', 'electron/testing/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Scripts, benchmarks and CLIs print to the terminal.
    files: ['scripts/**', 'bench/**', 'simulator/cli.ts', 'electron/host/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  // shared/ is pure TypeScript used by every process: nothing of ours, no Node, no DOM libraries, no Electron.
  boundary(['shared/**'], [
    ours('electron', 'shared/ imports nothing of ours.'),
    ours('renderer', 'shared/ imports nothing of ours.'),
    ours('simulator', 'shared/ imports nothing of ours.'),
    { group: NODE_BUILTINS, message: 'shared/ runs in every process: no Node modules.' },
    { group: ['react', 'react-dom', 'electron'], message: 'shared/ is framework-free.' },
  ]),
  // The renderer reaches main only through the contract.
  boundary(['renderer/**'], [
    ours('electron', 'The renderer talks to main only through the contract in shared/.'),
    ours('simulator', 'The renderer never talks to Spotify or the simulator.'),
    { group: NODE_BUILTINS, message: 'The renderer is sandboxed: no Node modules.' },
    { group: ['electron', 'electron/*'], message: 'The renderer uses window.trayplay, never Electron.' },
  ]),
  // Main-process logic: Electron only in adapters, the preload and the composition root; the simulator only
  // where demo mode starts it, and in tests.
  boundary(['electron/**'], [
    ours('renderer', 'Main never imports renderer code.'),
    ELECTRON_ONLY_IN_ADAPTERS,
    SIMULATOR_ONLY_FOR_DEMO,
    ELECTRON_DOUBLE_ONLY_IN_TESTS,
  ]),
  boundary(['electron/adapters/**', 'electron/main.ts', 'electron/preload.ts'], [
    ours('renderer', 'Main never imports renderer code.'),
    SIMULATOR_ONLY_FOR_DEMO,
    ELECTRON_DOUBLE_ONLY_IN_TESTS,
  ]),
  boundary(['electron/core/create-services.ts'], [ours('renderer', 'Main never imports renderer code.'), ELECTRON_ONLY_IN_ADAPTERS, ELECTRON_DOUBLE_ONLY_IN_TESTS]),
  boundary(['electron/testing/**', 'electron/**/*.test.ts', 'electron/**/testing/**'], [
    ours('renderer', 'Main never imports renderer code.'),
    ELECTRON_ONLY_IN_ADAPTERS,
  ]),
  // The simulator stands in for Spotify: it shares no code with the app.
  boundary(['simulator/**'], [
    ours('electron', 'The simulator is Spotify: it shares no code with the app.'),
    ours('renderer', 'The simulator is Spotify: it shares no code with the app.'),
    ours('shared', 'The simulator is Spotify: it shares no code with the app.'),
    { group: ['electron', 'electron/*'], message: 'The simulator runs in plain Node.' },
  ]),
);
