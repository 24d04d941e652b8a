// `npm test`: every check, in order, each one counted; ends with one line `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { installedElectron } from './electron-binary.mjs';

const started = Date.now();
const reports = resolve('node_modules', '.cache', 'trayplay-test');
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];

function run(name, command, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  return { ok: result.status === 0, seconds: (Date.now() - t0) / 1000 };
}

/** A check with no test count of its own (typecheck, lint, build) counts as one. */
function step(name, command, args) {
  const { ok, seconds } = run(name, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  rows.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds });
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function vitest() {
  const out = join(reports, 'vitest.json');
  const { ok, seconds } = run('unit and integration (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const json = readJson(out);
  const row = json
    ? { passed: json.numPassedTests, failed: json.numFailedTests + (ok ? 0 : json.numFailedTests ? 0 : 1), skipped: json.numPendingTests + json.numTodoTests }
    : { passed: 0, failed: 1, skipped: 0 };
  record('vitest', row, seconds);
}

function playwright(name, config) {
  const out = join(reports, `${name}.json`);
  const { ok, seconds } = run(name, 'npx', ['playwright', 'test', '--config', config, '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const stats = readJson(out)?.stats;
  const row = stats
    ? { passed: stats.expected + stats.flaky, failed: stats.unexpected + (ok || stats.unexpected ? 0 : 1), skipped: stats.skipped }
    : { passed: 0, failed: 1, skipped: 0 };
  record(name, row, seconds);
}

function record(name, row, seconds) {
  totals.passed += row.passed;
  totals.failed += row.failed;
  totals.skipped += row.skipped;
  rows.push({ name, ...row, seconds });
}

step('typecheck', 'npx', ['tsc', '-b', 'tsconfig.json']);
step('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
const built = step('build', 'node', ['scripts/build.mjs']);
vitest();
if (built) {
  playwright('e2e (Chromium + headless host)', 'playwright.config.ts');
  if (!installedElectron()) {
    console.log(
      '\nNote: no Electron binary is installed here, so the Electron specs will be skipped. Electron ≥42 downloads it from ' +
        'GitHub on first run; they run in the GitHub Actions workflow and wherever `npx install-electron --no` works.',
    );
  }
  playwright('e2e (Electron)', 'e2e/electron/playwright.config.ts');
} else {
  record('e2e (not run: the build failed)', { passed: 0, failed: 1, skipped: 0 }, 0);
}

console.log('\nSuite                              passed failed skipped   seconds');
for (const r of rows) {
  console.log(`${r.name.padEnd(34)} ${String(r.passed).padStart(6)} ${String(r.failed).padStart(6)} ${String(r.skipped).padStart(7)} ${r.seconds.toFixed(1).padStart(9)}`);
}
console.log(`wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
