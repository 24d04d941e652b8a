// Builds the bundles: the renderer's two pages, the main process and the sandboxed preload.
import { build } from 'vite';

import { buildRenderer } from './build-renderer.mjs';

const logLevel = process.env.CI ? 'warn' : 'info';
await buildRenderer({ logLevel });
for (const mode of ['main', 'preload']) await build({ mode, logLevel });
