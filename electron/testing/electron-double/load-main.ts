// Loads a built main bundle with `require('electron')` answered by the double — only for requests made
// from the bundle's own folder, so nothing else in the process is affected.
import { createRequire } from 'node:module';
import Module from 'node:module';
import { dirname, resolve } from 'node:path';

type Loader = (request: string, parent: { filename?: string | null } | null | undefined, isMain: boolean) => unknown;

export interface LoadOptions {
  readonly isPackaged: boolean;
}

/** Sets what Electron's main process sets on `process`, then requires the bundle. */
export function loadMainBundle(bundle: string, electronModule: object, options: LoadOptions): void {
  const path = resolve(bundle);
  const folder = dirname(path);
  const loader = Module as unknown as { _load: Loader };
  const original = loader._load;
  loader._load = function load(this: unknown, request, parent, isMain) {
    const fromBundle = typeof parent?.filename === 'string' && parent.filename.startsWith(folder);
    if (fromBundle && (request === 'electron' || request === 'electron/main')) return electronModule;
    return original.call(this, request, parent, isMain);
  };
  const proc = process as NodeJS.Process & { type?: string; resourcesPath?: string; defaultApp?: boolean };
  proc.type = 'browser';
  proc.resourcesPath = resolve(folder, '..', '..');
  // `electron .` sets defaultApp; a packaged app has none.
  if (!options.isPackaged) proc.defaultApp = true;
  // Configurable, so an in-process boot can take them back off afterwards.
  Object.defineProperty(process.versions, 'electron', { value: '45.4.1', enumerable: true, configurable: true });
  Object.defineProperty(process.versions, 'chrome', { value: '140.0.7339.0', enumerable: true, configurable: true });
  createRequire(path)(path);
}
