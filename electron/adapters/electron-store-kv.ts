import { join } from 'node:path';

import { app, ipcMain } from 'electron';
import Store from 'electron-store';

import type { KeyValueStore } from '../ports/key-value-store';

import { scrubSetAsideCopies, setAsideDamagedFile } from './set-aside-file';

/** The channel electron-store answers renderers on (electron-store 12, index.js `initDataListener`). */
export const ELECTRON_STORE_CHANNEL = 'electron-store-get-data';

export interface ElectronStoreKvOptions {
  readonly name?: string;
  /** Defaults to `app.getPath('userData')`. */
  readonly cwd?: string;
}

/**
 * electron-store 12 as the key-value port. `clearInvalidConfig: false`: a damaged file must not be wiped
 * silently, so a note of it is set aside (reason, size, time; never the content: it holds the token
 * envelope) and a fresh store starts; `configFileMode: 0o600`:
 * owner-only. Create after `ready` (it reads `app.getPath('userData')`).
 */
export class ElectronStoreKv implements KeyValueStore {
  private readonly store: Store<Record<string, unknown>>;

  public constructor(options: ElectronStoreKvOptions = {}) {
    const name = options.name ?? 'trayplay';
    const open = (): Store<Record<string, unknown>> =>
      new Store<Record<string, unknown>>({
        name,
        cwd: options.cwd,
        clearInvalidConfig: false,
        // Keys are flat names; a dot must not create nesting.
        accessPropertiesByDotNotation: false,
        configFileMode: 0o600,
      });
    const path = join(options.cwd ?? app.getPath('userData'), `${name}.json`);
    scrubSetAsideCopies(path);
    try {
      this.store = open();
    } catch (cause) {
      // Only content that does not parse is damage; a failed read (EACCES, EIO) must not delete the vault.
      if (!(cause instanceof SyntaxError)) throw cause;
      setAsideDamagedFile(path, 'electron-store could not parse the file');
      this.store = open();
    }
    // electron-store registers a sync IPC listener that tells any renderer the profile path and app version
    // (for stores used from a renderer). Ours never are, and main serves no channel outside the contract.
    ipcMain.removeAllListeners(ELECTRON_STORE_CHANNEL);
  }

  public get(key: string): unknown {
    return this.store.get(key);
  }

  public set(key: string, value: unknown): void {
    this.store.set(key, value);
  }

  public delete(key: string): void {
    this.store.delete(key);
  }
}
