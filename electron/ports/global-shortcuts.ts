/**
 * The OS's global shortcuts (Electron's `globalShortcut` in the app). `register` returns false when another
 * application holds the accelerator and may throw on an accelerator Electron cannot parse.
 */
export interface GlobalShortcuts {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  isRegistered(accelerator: string): boolean;
}

/** Facts about the running desktop that decide what can be registered at all. */
export interface ShortcutEnvironment {
  readonly platform: NodeJS.Platform;
  /** A native Wayland session: Electron's portal path reports success without confirmation. */
  readonly wayland: boolean;
  /** macOS: whether Trayplay is a trusted accessibility client (media keys need it). */
  accessibilityTrusted(): boolean;
}
