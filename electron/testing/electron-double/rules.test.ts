// The double throws where Electron 45 throws (each message is Electron's), and records each throw as the
// app's misuse — so a boot that calls an API too early, twice or with a bad template fails, not passes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeEach, describe, expect, it } from 'vitest';

import { createElectronDouble, type ElectronDouble } from './index';

let double: ElectronDouble;
let electron: ElectronDouble['electronModule'];
beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'trayplay-rules-'));
  double = createElectronDouble({ app: { appPath: dir, paths: { userData: dir, home: dir, temp: dir, appData: dir } } });
  electron = double.electronModule;
});

/** The call throws `message` and the throw is recorded against `api` as the app's misuse. */
function expectMisuse(call: () => unknown, api: string, message: string | RegExp): void {
  expect(call).toThrow(message);
  const last = double.runtime.thrown.at(-1);
  expect(last?.api).toBe(api);
  expect(last?.message).toMatch(message);
}

describe('before ready, as Electron refuses', () => {
  it('BrowserWindow', () => {
    expectMisuse(() => new electron.BrowserWindow({ show: false }), 'BrowserWindow', 'Cannot create BrowserWindow before app is ready');
    double.app.emitReady();
    expect(() => new electron.BrowserWindow({ show: false })).not.toThrow();
  });

  it('Tray', () => {
    const image = electron.nativeImage.createEmpty();
    expectMisuse(() => new electron.Tray(image), 'Tray', 'Cannot create Tray before app is ready');
    double.app.emitReady();
    expect(() => new electron.Tray(image)).not.toThrow();
  });

  it('globalShortcut', () => {
    expectMisuse(() => electron.globalShortcut.register('CommandOrControl+Alt+P', () => undefined), 'globalShortcut', 'globalShortcut cannot be used before the app is ready');
    double.app.emitReady();
    expect(electron.globalShortcut.register('CommandOrControl+Alt+P', () => undefined)).toBe(true);
  });

  it('safeStorage: encrypt and decrypt throw, and encryption reads as unavailable', () => {
    expect(electron.safeStorage.isEncryptionAvailable()).toBe(false);
    expectMisuse(() => electron.safeStorage.encryptString('x'), 'safeStorage', 'safeStorage cannot be used before app is ready');
    expectMisuse(() => electron.safeStorage.decryptString(Buffer.from('v11xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')), 'safeStorage', 'safeStorage cannot be used before app is ready');
    double.app.emitReady();
    expect(electron.safeStorage.isEncryptionAvailable()).toBe(true);
    expect(electron.safeStorage.decryptString(electron.safeStorage.encryptString('x'))).toBe('x');
  });
});

describe('after ready, as Electron refuses', () => {
  it('protocol.registerSchemesAsPrivileged', () => {
    expect(() => electron.protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true } }])).not.toThrow();
    double.app.emitReady();
    expectMisuse(
      () => electron.protocol.registerSchemesAsPrivileged([{ scheme: 'other', privileges: { standard: true } }]),
      'protocol.registerSchemesAsPrivileged',
      'protocol.registerSchemesAsPrivileged should be called before app is ready',
    );
  });
});

describe('twice, as Electron refuses', () => {
  it('protocol.handle for the same scheme (until unhandled)', () => {
    double.app.emitReady();
    const handler = (): Response => new Response('ok');
    electron.protocol.handle('app', handler);
    expectMisuse(() => electron.protocol.handle('app', handler), 'protocol.handle', 'Failed to register protocol: app');
    electron.protocol.unhandle('app');
    expect(() => electron.protocol.handle('app', handler)).not.toThrow();
  });

  it('ipcMain.handle for the same channel (until removed)', () => {
    electron.ipcMain.handle('app:getInfo', () => 1);
    expectMisuse(() => electron.ipcMain.handle('app:getInfo', () => 2), 'ipcMain.handle', "Attempted to register a second handler for 'app:getInfo'");
    electron.ipcMain.removeHandler('app:getInfo');
    expect(() => electron.ipcMain.handle('app:getInfo', () => 3)).not.toThrow();
  });
});

describe('bad Menu templates, as Electron refuses', () => {
  const build = (template: unknown): unknown => electron.Menu.buildFromTemplate(template as Electron.MenuItemConstructorOptions[]);

  it('a template that is not an array', () => {
    expectMisuse(() => build({ label: 'x' }), 'Menu.buildFromTemplate', 'Invalid template for Menu: Menu template must be an array');
  });

  it('an item with neither label, role nor type', () => {
    expectMisuse(() => build([{ enabled: true }]), 'Menu.buildFromTemplate', 'Invalid template for MenuItem: must have at least one of label, role or type');
  });

  it('an unknown item type, and a submenu item without a submenu', () => {
    expectMisuse(() => build([{ label: 'x', type: 'bogus' }]), 'MenuItem', 'Unknown menu item type: bogus');
    expectMisuse(() => build([{ label: 'x', type: 'submenu' }]), 'MenuItem', 'Invalid submenu');
    expect(() => build([{ label: 'x', type: 'checkbox' }, { type: 'separator' }, { label: 'y', submenu: [{ label: 'z' }] }])).not.toThrow();
  });
});
