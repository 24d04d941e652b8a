// Builds the three bundles: renderer pages, the main process and the sandboxed preload.
import { build } from 'vite';

for (const mode of ['production', 'main', 'preload']) {
  await build({ mode, logLevel: process.env.CI ? 'warn' : 'info' });
}
