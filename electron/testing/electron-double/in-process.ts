// Boots the built main bundle against the double inside this process (for the Chromium spec, which needs
// the app's live handlers). The boot test proper uses a child process, so it can also watch the exit.
import Module from 'node:module';
import { mkdtempSync } from 'node:fs';
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

export async function bootInProcess(): Promise<InProcessApp> {
  const userData = mkdtempSync(join(tmpdir(), 'trayplay-inproc-'));
  const double = createElectronDouble({ app: { isPackaged: true, appPath: process.cwd(), version: '0.1.0', paths: { userData, home: userData, temp: tmpdir(), appData: userData } } });
  const loader = Module as unknown as { _load: unknown };
  const originalLoad = loader._load;
  const proc = process as NodeJS.Process & { type?: string; resourcesPath?: string; defaultApp?: boolean };
  const saved = { argv: process.argv, type: proc.type, resourcesPath: proc.resourcesPath, defaultApp: proc.defaultApp };
  const versions = process.versions as Record<string, string | undefined>;
  const savedVersions = { electron: versions.electron, chrome: versions.chrome };
  /** Undoes every process change the load made, whether the boot worked or not. */
  const restore = (): void => {
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
