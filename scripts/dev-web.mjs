// `npm run dev:web`: the UI without Electron. Builds the renderer, then runs the headless host, which serves it
// and the contract over WebSocket on 127.0.0.1 (demo mode unless a Client ID is configured).
import { spawn } from 'node:child_process';

import { buildRenderer } from './build-renderer.mjs';

await buildRenderer();
const host = spawn(process.execPath, ['scripts/run-node.mjs', 'electron/host/cli.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
host.on('exit', (code) => process.exit(code ?? 0));
