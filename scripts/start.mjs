// `npm start`: builds, then runs the Electron app. Electron ≥42 downloads its binary on first run; where that
// download is impossible (no route to GitHub), say so plainly and open the same app logic as a web preview.
import { spawn, spawnSync } from 'node:child_process';

import { installedElectron } from './electron-binary.mjs';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let binary = installedElectron();
if (!binary) {
  console.log('Electron is not installed yet: fetching it once (npx install-electron)…');
  const fetched = spawnSync('npx', ['install-electron', '--no'], { stdio: 'inherit', shell: process.platform === 'win32' });
  binary = fetched.status === 0 ? installedElectron() : null;
}

if (binary) {
  const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    [
      '',
      'Trayplay could not start Electron: its binary is not installed and could not be downloaded',
      '(Electron fetches it from GitHub on first run; set ELECTRON_MIRROR or ELECTRON_OVERRIDE_DIST_PATH to use',
      'a mirror or an unpacked Electron). Starting the web preview instead: the same main-process logic, the same',
      'UI, in your browser.',
      '',
    ].join('\n'),
  );
  const preview = spawn(process.execPath, ['scripts/run-node.mjs', 'electron/host/cli.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
  preview.on('exit', (code) => process.exit(code ?? 0));
}
