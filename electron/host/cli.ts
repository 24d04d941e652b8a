import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import { startHost } from './host';

/** `npm run dev:web`: the app's logic and UI in a browser, on 127.0.0.1. Options: --port N, --user-data DIR. */
function parseArgs(argv: readonly string[]): { port: number; userData: string } | string {
  let port = 0;
  let userData = process.env.TRAYPLAY_USER_DATA ?? join(homedir(), '.trayplay-web');
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--port' && value !== undefined && /^\d{1,5}$/.test(value) && Number(value) < 65536) {
      port = Number(value);
      i += 1;
    } else if (arg === '--user-data' && value) {
      userData = resolve(value);
      i += 1;
    } else {
      return `Unknown or incomplete option: ${arg ?? ''}\nusage: npm run dev:web -- [--port N] [--user-data DIR]`;
    }
  }
  return { port, userData };
}

const parsed = parseArgs(process.argv.slice(2));
if (typeof parsed === 'string') {
  console.error(parsed);
  process.exit(2);
}
mkdirSync(parsed.userData, { recursive: true, mode: 0o700 });
const host = await startHost({
  rendererDir: resolve(process.env.TRAYPLAY_ROOT ?? process.cwd(), 'dist/renderer'),
  userDataDir: parsed.userData,
  port: parsed.port,
  version: process.env.npm_package_version,
  // On a Linux desktop the preview shows in the system's media controls too.
  mpris: {},
});
console.log(`Trayplay web preview: ${host.url}\n  (open this address; its #key part is this launch's secret, so keep it to yourself. The page drops it from the address bar once loaded: to reload, open this address again. Settings in ${parsed.userData}; Ctrl+C to stop)`);
const stop = (): void => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
