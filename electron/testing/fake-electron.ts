import { join } from 'node:path';
/**
 * Just enough of the `electron` module to run the built composition root (dist/electron/main.cjs) in plain
 * Node: what it was asked to do is recorded. Anything not modelled here answers with an inert stub, so code
 * added to main.ts later still runs (the tests look only at what they record).
 */
export interface FakeElectronOptions {
  readonly packaged: boolean;
  /** What `app.getPath('userData')` answers until `setPath` changes it. */
  readonly userData: string;
}

export interface FakeElectron {
  readonly module: Record<string, unknown>;
  readonly setPathCalls: Array<[string, string]>;
  readonly loadedUrls: string[];
  readonly privilegedSchemes: unknown[];
  readonly handlers: Map<string, (request: Request) => Response | Promise<Response>>;
  /** Runs the app's `before-quit` listeners, which stop its timers and services. */
  quit(): void;
}

/** A callable, constructible, endlessly chainable no-op; never a thenable, never a primitive. */
export function inertStub(): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const target = function stub(): void {};
  const proxy: unknown = new Proxy(target, {
    get: (_t, key) => {
      if (key === 'then' || typeof key === 'symbol') return undefined;
      if (!cache.has(key)) cache.set(key, inertStub());
      return cache.get(key);
    },
    apply: () => inertStub(),
    construct: () => inertStub() as object,
  });
  return proxy;
}

/** A namespace whose listed members are real and the rest inert. */
function partial(members: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(members, {
    get: (target, key) => {
      if (typeof key === 'symbol') return undefined;
      if (!(key in target)) target[key] = inertStub();
      return target[key];
    },
  });
}

export function fakeElectron(options: FakeElectronOptions): FakeElectron {
  const paths = new Map<string, string>([['userData', options.userData]]);
  const setPathCalls: Array<[string, string]> = [];
  const loadedUrls: string[] = [];
  const privilegedSchemes: unknown[] = [];
  const handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  const appListeners = new Map<string, Array<(...args: unknown[]) => void>>();
  let nextId = 1;

  class BrowserWindow {
    public readonly webContents = partial({
      id: nextId++,
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
      send: () => undefined,
      isDestroyed: () => false,
    });
    public on(): this {
      return this;
    }
    public loadURL(url: string): Promise<void> {
      loadedUrls.push(url);
      return Promise.resolve();
    }
    public isDestroyed(): boolean {
      return false;
    }
    public isVisible(): boolean {
      return false;
    }
    public isMinimized(): boolean {
      return false;
    }
    public show(): void {}
    public showInactive(): void {}
    public hide(): void {}
    public focus(): void {}
    public restore(): void {}
    public setAlwaysOnTop(): void {}
  }
  // Members added by later code (setBounds, getBounds, …) answer inertly.
  const Window = new Proxy(BrowserWindow, {
    construct: (target, args: unknown[]) =>
      new Proxy(new target(...(args as [])), {
        get: (win, key, receiver): unknown => (key in win || typeof key === 'symbol' ? (Reflect.get(win, key, receiver) as unknown) : inertStub()),
      }),
  });

  // The bundle's ESM interop copies the module's own keys once: every main-process export must exist up front.
  const inertModules = Object.fromEntries(
    [
      'autoUpdater', 'BaseWindow', 'BrowserView', 'clipboard', 'contentTracing', 'crashReporter', 'desktopCapturer', 'dialog',
      'globalShortcut', 'inAppPurchase', 'ipcMain', 'Menu', 'MenuItem', 'MessageChannelMain', 'nativeImage', 'nativeTheme',
      'net', 'netLog', 'Notification', 'powerMonitor', 'powerSaveBlocker', 'pushNotifications', 'session', 'ShareMenu',
      'systemPreferences', 'TouchBar', 'Tray', 'utilityProcess', 'View', 'webContents', 'WebContentsView', 'webFrameMain',
    ].map((name) => [name, inertStub()]),
  );
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1280, height: 800 }, bounds: { x: 0, y: 0, width: 1280, height: 800 }, scaleFactor: 1 };
  const module = partial({
    ...inertModules,
    app: partial({
      isPackaged: options.packaged,
      // As on Linux: logs live in the profile's logs folder unless set elsewhere.
      getPath: (name: string) => paths.get(name) ?? (name === 'logs' ? join(paths.get('userData') ?? options.userData, 'logs') : options.userData),
      setPath: (name: string, value: string) => {
        setPathCalls.push([name, value]);
        paths.set(name, value);
      },
      getName: () => 'Trayplay',
      getVersion: () => '0.0.0-test',
      isReady: () => true,
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: (...args: unknown[]) => void) => {
        appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
      },
      quit: () => undefined,
      exit: () => undefined,
      setAsDefaultProtocolClient: () => true,
    }),
    protocol: partial({
      registerSchemesAsPrivileged: (schemes: unknown[]) => privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => handlers.set(scheme, handler),
      unhandle: (scheme: string) => handlers.delete(scheme),
    }),
    BrowserWindow: Window,
    screen: partial({ getAllDisplays: () => [display], getPrimaryDisplay: () => display }),
    // A keyring is present: the vault can be restored, so the test can see where its refresh token goes.
    safeStorage: partial({
      isAsyncEncryptionAvailable: () => Promise.resolve(true),
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: (plain: string) => Promise.resolve(Buffer.from(`enc:${plain}`, 'utf8')),
      decryptStringAsync: (data: Buffer) => Promise.resolve({ result: data.toString('utf8').slice(4), shouldReEncrypt: false }),
    }),
    shell: partial({ openExternal: () => Promise.resolve() }),
  });

  return {
    module,
    setPathCalls,
    loadedUrls,
    privilegedSchemes,
    handlers,
    quit: () => {
      for (const listener of appListeners.get('before-quit') ?? []) listener({ preventDefault: () => undefined });
    },
  };
}

/** The cipher the fake safeStorage amounts to, for seeding a vault the built app will restore. */
export const fakeSafeStorageCipher = {
  isAvailable: () => Promise.resolve(true),
  backend: () => 'gnome_libsecret',
  isSecure: () => true,
  encrypt: (plain: string) => Promise.resolve(new Uint8Array(Buffer.from(`enc:${plain}`, 'utf8'))),
  decrypt: (data: Uint8Array) => Promise.resolve({ plain: Buffer.from(data).toString('utf8').slice(4), shouldReEncrypt: false }),
};
