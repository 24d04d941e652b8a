// `npm run dev`: the renderer from Vite's dev server (instant reloads), main and preload built once, then
// Electron pointed at the dev server through VITE_DEV_SERVER_URL.
import { spawn } from 'node:child_process';

import { build, createServer } from 'vite';

import { installedElectron } from './electron-binary.mjs';

const binary = installedElectron();
if (!binary) {
  console.error('No Electron binary is installed (run `npx install-electron --no`). For the UI alone: npm run dev:web');
  process.exit(1);
}
for (const mode of ['main', 'preload']) await build({ mode, logLevel: 'warn' });
const server = await createServer({ mode: 'development' });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
console.log(`renderer dev server: ${url}`);
const electron = spawn(binary, ['.'], { stdio: 'inherit', env: { ...process.env, VITE_DEV_SERVER_URL: url } });
electron.on('exit', (code) => {
  void server.close().then(() => process.exit(code ?? 0));
});
