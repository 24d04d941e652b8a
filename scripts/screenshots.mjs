// `npm run screenshots`: builds the renderer, then writes docs/screenshots/*.png (see e2e/screenshots.ts).
import { spawnSync } from 'node:child_process';

import { buildRenderer } from './build-renderer.mjs';

await buildRenderer({ logLevel: 'warn' });
const run = spawnSync(process.execPath, ['scripts/run-node.mjs', 'e2e/screenshots.ts'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
