// Boots the built main bundle against the double inside this process (for the Chromium spec, which needs
// the app's live handlers). The boot test proper uses a child process, so it can also watch the exit.
import Module from 'node:module';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { MAIN_BUNDLE } from './boot-runner';
import { createElectronDouble, type ElectronDouble } from './index';
import { loadMainBundle } from './load-main';

export interface InProcessApp {
  readonly double: ElectronDouble;
  /** Quits the app (tray's Quit path: before-quit disposes everything) and undoes the process changes. */
  quit(): Promise<void>;
}

/**
 * The desktop variables the app acts on (autostart entries under XDG_CONFIG_HOME, desktop files under
 * XDG_DATA_HOME or an AppImage's, the session bus by DBUS_SESSION_BUS_ADDRESS or XDG_RUNTIME_DIR/bus): for the
 * boot's lifetime they name the run's own folders, or are unset. HOME stays: the app reads it only when
 * XDG_DATA_HOME is unset, and Playwright and Chromium share this process.
 */
function desktopEnv(base: string): Record<string, string | undefined> {
  const home = join(base, 'home');
  const env = {
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_RUNTIME_DIR: join(base, 'runtime'),
  };
  for (const dir of Object.values(env)) mkdirSync(dir, { recursive: true });
  return { ...env, DBUS_SESSION_BUS_ADDRESS: undefined, APPIMAGE: undefined };
}

function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

export async function bootInProcess(): Promise<InProcessApp> {
  const base = mkdtempSync(join(tmpdir(), 'trayplay-inproc-'));
  const userData = join(base, 'profile');
  const home = join(base, 'home');
  mkdirSync(userData, { recursive: true });
  const bootEnv = desktopEnv(base);
  const savedEnv = Object.fromEntries(Object.keys(bootEnv).map((k) => [k, process.env[k]]));
  const double = createElectronDouble({ app: { isPackaged: true, appPath: process.cwd(), version: '0.1.0', paths: { userData, home, temp: tmpdir(), appData: userData } } });
  const loader = Module as unknown as { _load: unknown };
  const originalLoad = loader._load;
  const proc = process as NodeJS.Process & { type?: string; resourcesPath?: string; defaultApp?: boolean };
  const saved = { argv: process.argv, type: proc.type, resourcesPath: proc.resourcesPath, defaultApp: proc.defaultApp };
  const versions = process.versions as Record<string, string | undefined>;
  const savedVersions = { electron: versions.electron, chrome: versions.chrome };
  /** Undoes every process change the load made, whether the boot worked or not. */
  const restore = (): void => {
    setEnv(savedEnv);
    loader._load = originalLoad;
    process.argv = saved.argv;
    proc.type = saved.type;
    proc.resourcesPath = saved.resourcesPath;
    proc.defaultApp = saved.defaultApp;
    for (const key of ['electron', 'chrome'] as const) {
      delete versions[key];
      if (savedVersions[key] !== undefined) Object.defineProperty(process.versions, key, { value: savedVersions[key], enumerable: true, configurable: true });
    }
    // A later boot in this process must run the bundle afresh, not get this one's cached exports.
    delete (Module as unknown as { _cache: Record<string, unknown> })._cache[MAIN_BUNDLE];
  };
  try {
    setEnv(bootEnv);
    process.argv = [process.execPath];
    loadMainBundle(MAIN_BUNDLE, double.electronModule, { isPackaged: true });
    await new Promise((resolve) => setImmediate(resolve));
    double.app.emitReady();
    await double.app.startupSettled();
    await Promise.all(double.windows.BrowserWindow.getAllWindows().map((w) => w.webContents.loadSettled()));
  } catch (cause) {
    restore();
    throw cause;
  }
  return {
    double,
    quit: async () => {
      try {
        const ended = new Promise<void>((resolve) => {
          double.app.onProcessEnd = () => resolve();
        });
        double.app.quit();
        await ended;
      } finally {
        restore();
      }
    },
  };
}
