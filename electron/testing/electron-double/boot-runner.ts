// Parent side of a boot: makes sure the bundles are built and current, builds the child harness, runs one
// boot in its own process and collects what it reported, what it logged, and how (and whether) it ended.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { BootReport, BootScenario } from './scenario';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const MAIN_BUNDLE = join(ROOT, 'dist/electron/main.cjs');
export const PRELOAD_BUNDLE = join(ROOT, 'dist/electron/preload.cjs');
export const RENDERER_DIR = join(ROOT, 'dist/renderer');

/**
 * Where a checkout's boot harness is built: a temp folder named for the checkout, not node_modules/.cache —
 * node_modules is one symlinked folder for every worktree, so a harness there would be shared across them.
 */
export function harnessDir(root: string): string {
  return join(tmpdir(), `trayplay-boot-harness-${createHash('sha256').update(resolve(root)).digest('hex').slice(0, 16)}`);
}
const CACHE = harnessDir(ROOT);

const SOURCES = ['electron', 'shared', 'renderer', 'simulator', 'vite.config.ts', 'package.json', 'package-lock.json'];
const isSource = (name: string): boolean => !/\.test\.tsx?$/.test(name) && !name.includes('/testing/');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return isSource(path) ? stat.mtimeMs : 0;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

/** Builds dist/ when it is missing or older than a source file (`npm test` builds first, so this is for targeted runs). */
export function ensureBuilt(): { rebuilt: boolean } {
  const outputs = [MAIN_BUNDLE, PRELOAD_BUNDLE, join(RENDERER_DIR, 'index.html'), join(RENDERER_DIR, 'mini.html')];
  const built = outputs.every((f) => existsSync(f)) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
  const source = Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));
  if (built >= source) return { rebuilt: false };
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, env: { ...process.env, CI: '1' }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
  return { rebuilt: true };
}

/** Bundles the child harness (TypeScript) into one CommonJS file in this checkout's harness folder. */
export async function buildHarness(): Promise<string> {
  const { build } = await import('vite');
  mkdirSync(CACHE, { recursive: true });
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    // Everything bundled in: the harness lives outside the checkout, where no node_modules resolves.
    ssr: { noExternal: true },
    build: {
      ssr: join(import.meta.dirname, 'boot-child.ts'),
      outDir: CACHE,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'boot-child.cjs' } },
    },
  });
  return join(CACHE, 'boot-child.cjs');
}

export interface BootRun {
  readonly report: BootReport;
  /** The child's exit code; null if it had to be killed (it did not end by itself). */
  readonly exitCode: number | null;
  readonly ended: 'by-itself' | 'killed';
  readonly stderr: string;
  /** The app's log file (in app.getPath('logs')) and its lines, read after the process ended. */
  readonly logFile: string;
  readonly logLines: readonly string[];
  readonly ms: number;
  readonly dirs: BootDirs;
}

export type BootDirs = ReturnType<typeof bootDirs>;

export type ScenarioInput = Partial<Omit<BootScenario, 'reportPath'>> & {
  readonly env?: Record<string, string>;
  /** Runs before the boot with the run's folders (seed a profile, pick env values). */
  readonly prepare?: (dirs: BootDirs) => Promise<Record<string, string> | void> | Record<string, string> | void;
};

/** A fresh profile and home for one boot. */
export function bootDirs(): { base: string; userData: string; home: string; temp: string } {
  const base = mkdtempSync(join(tmpdir(), 'trayplay-boot-'));
  const dirs = { base, userData: join(base, 'profile'), home: join(base, 'home'), temp: join(base, 'tmp') };
  for (const d of [dirs.userData, dirs.home, dirs.temp]) mkdirSync(d, { recursive: true });
  return dirs;
}

/**
 * The outer variables a boot may see. Everything else stays out: the packaged app acts on the desktop it finds
 * (XDG autostart entries, the D-Bus session bus via DBUS_SESSION_BUS_ADDRESS or XDG_RUNTIME_DIR, a display),
 * so a developer's real one must never be reachable. The XDG homes are the run's own folders (see below).
 */
const PASSED_THROUGH = ['PATH', 'SystemRoot', 'TZ'];

/** The child's whole environment: the allow-list, the run's own homes, then what the scenario gives. */
export function childEnv(dirs: BootDirs, outer: NodeJS.ProcessEnv, given: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { LANG: 'C.UTF-8' };
  for (const k of PASSED_THROUGH) if (outer[k] !== undefined) env[k] = outer[k];
  Object.assign(env, {
    HOME: dirs.home,
    TMPDIR: dirs.temp,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
    XDG_STATE_HOME: join(dirs.home, '.local', 'state'),
  });
  return Object.assign(env, given);
}

export async function runBoot(harness: string, input: ScenarioInput, timeoutMs = 45_000): Promise<BootRun> {
  const dirs = bootDirs();
  const { prepare, env: givenEnv, ...rest } = input;
  const preparedEnv = (await prepare?.(dirs)) ?? {};
  const scenario: BootScenario = {
    bundle: MAIN_BUNDLE,
    isPackaged: false,
    args: [],
    defaultUserData: dirs.userData,
    home: dirs.home,
    temp: dirs.temp,
    platform: 'linux',
    linuxBackend: 'gnome_libsecret',
    keyMaterial: 'boot-test key',
    lockHeldElsewhere: false,
    takenAccelerators: [],
    quitVia: 'trayMenu',
    ...rest,
    reportPath: join(dirs.base, 'report.json'),
  };
  const scenarioPath = join(dirs.base, 'scenario.json');
  writeFileSync(scenarioPath, JSON.stringify(scenario));
  const env = childEnv(dirs, process.env, { ...givenEnv, ...preparedEnv });
  const started = Date.now();
  const child = spawn(process.execPath, [harness, scenarioPath], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const outcome = await new Promise<{ code: number | null; ended: 'by-itself' | 'killed' }>((done) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ code: null, ended: 'killed' });
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, ended: 'by-itself' });
    });
  });
  const report = JSON.parse(readFileSync(scenario.reportPath, 'utf8')) as BootReport;
  // Where the app said its logs go (macOS differs), else Linux's and Windows' <userData>/logs.
  const logFile = join(report.logsDir || join(report.userData || scenario.defaultUserData, 'logs'), 'main.log');
  const logLines = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : [];
  return { report, exitCode: outcome.code, ended: outcome.ended, stderr, logFile, logLines, ms: Date.now() - started, dirs };
}
