// The smaller main-process modules: globalShortcut, powerMonitor, shell, screen, Notification,
// systemPreferences, net. Each refuses use before `ready` where Electron does.
import { EventEmitter } from 'node:events';

import type { NativeImageDouble } from './native-image';
import type { Runtime } from './runtime';

const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter', 'up', 'down', 'left', 'right',
  'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'volumeup', 'volumedown', 'volumemute', 'medianexttrack', 'mediaprevioustrack',
  'mediastop', 'mediaplaypause', 'printscreen', 'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9', 'numdec',
  'numadd', 'numsub', 'nummult', 'numdiv',
]);
const MEDIA_KEYS = new Set(['medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause']);

/** Electron's accelerator grammar: modifiers, then exactly one key code. */
export function isValidAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  // "Plus" aside, a trailing '+' means the key is '+', which Electron spells "Plus".
  if (parts.some((p) => p === '')) return false;
  const key = parts[parts.length - 1]!.toLowerCase();
  const mods = parts.slice(0, -1).map((p) => p.toLowerCase());
  if (!mods.every((m) => MODIFIERS.has(m))) return false;
  if (MODIFIERS.has(key)) return false;
  return /^[a-z0-9]$/.test(key) || /^f([1-9]|1[0-9]|2[0-4])$/.test(key) || NAMED_KEYS.has(key) || /^[)!@#$%^&*(:;<=>?_~`{}|\\[\]'",./-]$/.test(key);
}

export class GlobalShortcutDouble implements Electron.GlobalShortcut {
  public readonly registered = new Map<string, () => void>();
  private suspended = false;

  public constructor(private readonly runtime: Runtime) {}

  /** False when another program holds the key, when it is already registered, or (macOS) a media key without accessibility trust. */
  public register(accelerator: string, callback: () => void): boolean {
    this.runtime.record('globalShortcut', 'register', [accelerator]);
    this.check(accelerator);
    if (this.registered.has(accelerator)) return false;
    if (this.runtime.options.takenAccelerators.includes(accelerator)) return false;
    const { platform, accessibilityTrusted } = this.runtime.options;
    if (platform === 'darwin' && MEDIA_KEYS.has(accelerator.toLowerCase()) && !accessibilityTrusted) return false;
    this.registered.set(accelerator, callback);
    return true;
  }

  /** All or nothing: one failure rolls back the ones registered by this call. */
  public registerAll(accelerators: string[], callback: () => void): boolean {
    this.runtime.record('globalShortcut', 'registerAll', [accelerators]);
    const done: string[] = [];
    for (const accelerator of accelerators) {
      if (!this.register(accelerator, callback)) {
        for (const d of done) this.registered.delete(d);
        return false;
      }
      done.push(accelerator);
    }
    return true;
  }

  public isRegistered(accelerator: string): boolean {
    this.check(accelerator);
    return this.registered.has(accelerator);
  }

  public unregister(accelerator: string): void {
    this.runtime.record('globalShortcut', 'unregister', [accelerator]);
    this.check(accelerator);
    this.registered.delete(accelerator);
  }

  public unregisterAll(): void {
    this.runtime.record('globalShortcut', 'unregisterAll');
    this.runtime.requireReady('globalShortcut', 'globalShortcut cannot be used before the app is ready');
    this.registered.clear();
  }

  public setSuspended(suspended: boolean): void {
    this.suspended = suspended;
  }

  public isSuspended(): boolean {
    return this.suspended;
  }

  /** The user presses the keys: true if a registered shortcut ran. */
  public press(accelerator: string): boolean {
    const callback = this.registered.get(accelerator);
    if (!callback || this.suspended) return false;
    callback();
    return true;
  }

  private check(accelerator: string): void {
    this.runtime.requireReady('globalShortcut', 'globalShortcut cannot be used before the app is ready');
    if (typeof accelerator !== 'string' || !isValidAccelerator(accelerator)) {
      this.runtime.fail('globalShortcut', `Error processing argument at index 0, conversion failure from ${String(accelerator)}`, 'TypeError');
    }
  }
}

/** powerMonitor: events come from the OS after `ready`; tests emit `suspend`, `resume`, `lock-screen`… */
export class PowerMonitorDouble extends EventEmitter implements Pick<Electron.PowerMonitor, 'getSystemIdleState' | 'getSystemIdleTime' | 'isOnBatteryPower' | 'getCurrentThermalState' | 'onBatteryPower'> {
  public onBatteryPower = false;
  public idleSeconds = 0;

  public constructor(private readonly runtime: Runtime) {
    super();
  }

  public getSystemIdleState(idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    this.runtime.requireReady('powerMonitor', "powerMonitor module can't be used before the ready event");
    return this.idleSeconds >= idleThreshold ? 'idle' : 'active';
  }
  public getSystemIdleTime(): number {
    this.runtime.requireReady('powerMonitor', "powerMonitor module can't be used before the ready event");
    return this.idleSeconds;
  }
  public isOnBatteryPower(): boolean {
    return this.onBatteryPower;
  }
  public getCurrentThermalState(): 'unknown' | 'nominal' | 'fair' | 'serious' | 'critical' {
    return 'unknown';
  }
}

export class ShellDouble implements Pick<Electron.Shell, 'openExternal' | 'openPath' | 'showItemInFolder' | 'beep' | 'trashItem'> {
  public readonly opened: { url: string; options?: Electron.OpenExternalOptions }[] = [];

  public constructor(private readonly runtime: Runtime) {}

  /** Like the OS: a URL that does not parse is refused; everything else is handed to the default handler. */
  public openExternal(url: string, options?: Electron.OpenExternalOptions): Promise<void> {
    this.runtime.record('shell', 'openExternal', [url, options]);
    try {
      new URL(url);
    } catch {
      return Promise.reject(new Error('Invalid url'));
    }
    this.opened.push({ url, options });
    return Promise.resolve();
  }
  public openPath(path: string): Promise<string> {
    this.runtime.record('shell', 'openPath', [path]);
    return Promise.resolve('');
  }
  public showItemInFolder(fullPath: string): void {
    this.runtime.record('shell', 'showItemInFolder', [fullPath]);
  }
  public beep(): void {
    this.runtime.record('shell', 'beep');
  }
  public trashItem(path: string): Promise<void> {
    this.runtime.record('shell', 'trashItem', [path]);
    return Promise.resolve();
  }
}

const display = (id: number, bounds: Electron.Rectangle): Electron.Display =>
  ({
    id,
    label: `Display ${id}`,
    bounds,
    workArea: { ...bounds, height: bounds.height - 32 },
    size: { width: bounds.width, height: bounds.height },
    workAreaSize: { width: bounds.width, height: bounds.height - 32 },
    scaleFactor: 1,
    rotation: 0,
    internal: id === 1,
    monochrome: false,
    accelerometerSupport: 'unknown',
    colorDepth: 24,
    colorSpace: '',
    depthPerComponent: 8,
    detected: true,
    displayFrequency: 60,
    touchSupport: 'unknown',
    nativeOrigin: { x: bounds.x, y: bounds.y },
    maximumCursorSize: { width: 0, height: 0 },
  });

/** `screen` cannot be used before `ready` in Electron; displays are settable by tests (monitors change). */
export class ScreenDouble extends EventEmitter implements Pick<Electron.Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'getCursorScreenPoint' | 'getDisplayNearestPoint' | 'getDisplayMatching'> {
  public displays: Electron.Display[] = [display(1, { x: 0, y: 0, width: 1920, height: 1080 })];

  public constructor(private readonly runtime: Runtime) {
    super();
  }

  public getAllDisplays(): Electron.Display[] {
    this.ready();
    return this.displays.map((d) => ({ ...d }));
  }
  public getPrimaryDisplay(): Electron.Display {
    this.ready();
    return { ...this.displays[0]! };
  }
  public getCursorScreenPoint(): Electron.Point {
    this.ready();
    return { x: 0, y: 0 };
  }
  public getDisplayNearestPoint(point: Electron.Point): Electron.Display {
    this.ready();
    return this.displays.find((d) => point.x >= d.bounds.x && point.x < d.bounds.x + d.bounds.width) ?? this.getPrimaryDisplay();
  }
  public getDisplayMatching(rect: Electron.Rectangle): Electron.Display {
    return this.getDisplayNearestPoint({ x: rect.x, y: rect.y });
  }

  public setDisplays(bounds: readonly Electron.Rectangle[]): void {
    this.displays = bounds.map((b, i) => display(i + 1, b));
    this.emit('display-metrics-changed');
  }

  private ready(): void {
    this.runtime.requireReady('screen', "The 'screen' module can't be used before the app 'ready' event");
  }
}

/** Electron's options, with the double's own images for `icon`. */
export type NotificationOptionsDouble = Omit<Electron.NotificationConstructorOptions, 'icon'> & { icon?: string | NativeImageDouble };

export class NotificationDouble extends EventEmitter implements Pick<Electron.Notification, 'show' | 'close' | 'title' | 'body' | 'silent'> {
  public title: string;
  public body: string;
  public silent: boolean;

  public constructor(
    private readonly runtime: Runtime,
    private readonly shown: NotificationDouble[],
    options: NotificationOptionsDouble = {},
  ) {
    super();
    runtime.record('Notification', 'new', [{ ...options, icon: options.icon ? 'icon' : undefined }]);
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    this.silent = options.silent ?? false;
  }
  public show(): void {
    this.runtime.record('Notification', 'show', [this.title]);
    this.runtime.requireReady('Notification', 'Notification cannot be shown before app is ready');
    this.shown.push(this);
    this.emit('show', {});
  }
  public close(): void {
    this.emit('close', {});
  }
}

export interface NotificationConstructor {
  new (options?: NotificationOptionsDouble): NotificationDouble;
  isSupported(): boolean;
}

export function createNotificationClass(runtime: Runtime): { Notification: NotificationConstructor; shown: NotificationDouble[] } {
  const shown: NotificationDouble[] = [];
  const Notification: NotificationConstructor = class extends NotificationDouble {
    public static isSupported(): boolean {
      return true;
    }
    public constructor(options?: NotificationOptionsDouble) {
      super(runtime, shown, options);
    }
  };
  return { Notification, shown };
}

/** systemPreferences: macOS-only calls throw elsewhere (Electron leaves them undefined). */
export class SystemPreferencesDouble extends EventEmitter implements Pick<Electron.SystemPreferences, 'isTrustedAccessibilityClient' | 'getMediaAccessStatus' | 'subscribeNotification' | 'unsubscribeNotification' | 'getAccentColor'> {
  public readonly subscriptions = new Map<number, { event: string | null; callback: (event: string, userInfo: Record<string, unknown>, object: string) => void }>();
  public accessibilityPrompts = 0;
  private nextId = 1;

  public constructor(private readonly runtime: Runtime) {
    super();
  }

  public isTrustedAccessibilityClient(prompt: boolean): boolean {
    this.macOnly('isTrustedAccessibilityClient');
    this.runtime.record('systemPreferences', 'isTrustedAccessibilityClient', [prompt]);
    if (prompt && !this.runtime.options.accessibilityTrusted) this.accessibilityPrompts += 1;
    return this.runtime.options.accessibilityTrusted;
  }
  public getMediaAccessStatus(): 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown' {
    return 'not-determined';
  }
  public subscribeNotification(event: string | null, callback: (event: string, userInfo: Record<string, unknown>, object: string) => void): number {
    this.macOnly('subscribeNotification');
    this.runtime.record('systemPreferences', 'subscribeNotification', [event]);
    const id = this.nextId++;
    this.subscriptions.set(id, { event, callback });
    return id;
  }
  public unsubscribeNotification(id: number): void {
    this.macOnly('unsubscribeNotification');
    this.runtime.record('systemPreferences', 'unsubscribeNotification', [id]);
    this.subscriptions.delete(id);
  }
  public getAccentColor(): string {
    return '1db954ff';
  }

  /** A distributed notification arrives (macOS), e.g. Spotify's playback state. */
  public post(event: string, userInfo: Record<string, unknown>): void {
    for (const s of this.subscriptions.values()) if (s.event === null || s.event === event) s.callback(event, userInfo, '');
  }

  private macOnly(method: string): void {
    if (this.runtime.options.platform !== 'darwin') this.runtime.fail('systemPreferences', `systemPreferences.${method} is not a function`, 'TypeError');
  }
}

export class NetDouble implements Pick<Electron.Net, 'isOnline' | 'online'> {
  public online = true;
  public readonly fetched: string[] = [];

  /** Loopback only (the demo simulator's art); anything else fails as Chromium does offline. */
  public fetch(input: string, init?: RequestInit): Promise<Response> {
    this.fetched.push(input);
    if (!/^http:\/\/127\.0\.0\.1(:\d+)?\//.test(input)) return Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED'));
    return globalThis.fetch(input, init);
  }

  public isOnline(): boolean {
    return this.online;
  }
}

/** Native message boxes: each call is recorded and answered with `response` (default 0: the first button). */
export class DialogDouble implements Pick<Electron.Dialog, 'showMessageBox'> {
  public response = 0;
  public readonly shown: Electron.MessageBoxOptions[] = [];

  public constructor(private readonly runtime: Runtime) {}

  public showMessageBox(...args: [Electron.MessageBoxOptions] | [Electron.BaseWindow, Electron.MessageBoxOptions]): Promise<Electron.MessageBoxReturnValue> {
    const options = args.length === 1 ? args[0] : args[1];
    this.runtime.record('dialog', 'showMessageBox', [options.message]);
    this.shown.push(options);
    return Promise.resolve({ response: this.response, checkboxChecked: false });
  }
}

/** Electron 45's clipboard (async in the main process); what was written can be read back. */
export class ClipboardDouble implements Pick<Electron.Clipboard, 'readText' | 'writeText' | 'clear' | 'has'> {
  public text = '';

  public constructor(private readonly runtime: Runtime) {}

  public readText(): Promise<string> {
    return Promise.resolve(this.text);
  }
  public writeText(text: string): Promise<void> {
    this.runtime.record('clipboard', 'writeText', [text.length]);
    this.text = text;
    return Promise.resolve();
  }
  public clear(): void {
    this.text = '';
  }
  public has(mimetype: string): Promise<boolean> {
    return Promise.resolve(mimetype.startsWith('text/') && this.text !== '');
  }
}
