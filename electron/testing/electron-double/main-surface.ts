// The double as a module type: what `import … from 'electron'` gives main-process code when the app is
// typechecked against the double (surface.test.ts). A member the app uses that is missing here is a
// compile error there. Values are declarations only; the runtime object is built by createElectronDouble.
import type { AppDouble } from './app';
import type { BrowserWindowConstructor, BrowserWindowDouble } from './browser-window';
import type { IpcMainDouble, IpcMainEventDouble, IpcMainInvokeEventDouble } from './ipc-main';
import type { MenuDouble, MenuItemConstructor, MenuItemDouble, MenuStatics } from './menu';
import type { NativeImageDouble, createNativeImageModule } from './native-image';
import type { SafeStorageDouble } from './safe-storage';
import type { ProtocolModule, SessionDouble, SessionModule } from './session';
import type {
  ClipboardDouble,
  DialogDouble,
  GlobalShortcutDouble,
  NetDouble,
  NotificationConstructor,
  NotificationDouble,
  PowerMonitorDouble,
  ScreenDouble,
  ShellDouble,
  SystemPreferencesDouble,
} from './system';
import type { TrayConstructor, TrayDouble } from './tray';
import type { WebContentsDouble, WebFrameMainDouble } from './web-contents';

export declare const app: AppDouble;
export declare const BrowserWindow: BrowserWindowConstructor;
export declare const ipcMain: IpcMainDouble;
export declare const protocol: ProtocolModule['protocol'];
export declare const session: SessionModule['session'];
export declare const Tray: TrayConstructor;
export declare const Menu: MenuStatics;
export declare const MenuItem: MenuItemConstructor;
export declare const nativeImage: ReturnType<typeof createNativeImageModule>;
export declare const globalShortcut: GlobalShortcutDouble;
export declare const powerMonitor: PowerMonitorDouble;
export declare const safeStorage: SafeStorageDouble;
export declare const shell: ShellDouble;
export declare const screen: ScreenDouble;
export declare const Notification: NotificationConstructor;
export declare const systemPreferences: SystemPreferencesDouble;
export declare const net: NetDouble;
export declare const clipboard: ClipboardDouble;
export declare const dialog: DialogDouble;

export type BrowserWindow = BrowserWindowDouble;
export type WebContents = WebContentsDouble;
export type WebFrameMain = WebFrameMainDouble;
export type Session = SessionDouble;
export type Tray = TrayDouble;
export type Menu = MenuDouble;
export type MenuItem = MenuItemDouble;
export type NativeImage = NativeImageDouble;
export type Notification = NotificationDouble;
export type IpcMainEvent = IpcMainEventDouble;
export type IpcMainInvokeEvent = IpcMainInvokeEventDouble;
// Plain data shapes: the app builds them, the double only reads them.
export type MenuItemConstructorOptions = Electron.MenuItemConstructorOptions;
export type BrowserWindowConstructorOptions = Electron.BrowserWindowConstructorOptions;
export type WebPreferences = Electron.WebPreferences;
export type Rectangle = Electron.Rectangle;
export type Display = Electron.Display;
export type HandlerDetails = Electron.HandlerDetails;
export type CustomScheme = Electron.CustomScheme;
