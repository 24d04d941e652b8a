import { globalShortcut, systemPreferences } from 'electron';

import type { GlobalShortcuts, ShortcutEnvironment } from '../ports/global-shortcuts';

/** Electron's globalShortcut behind the port. Create after `ready` (the module throws before). */
export function electronGlobalShortcuts(): GlobalShortcuts {
  return {
    register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
    unregister: (accelerator) => globalShortcut.unregister(accelerator),
    isRegistered: (accelerator) => globalShortcut.isRegistered(accelerator),
  };
}

/** Accessibility trust (macOS only; elsewhere media keys need none) and the session type. */
export function electronShortcutEnvironment(wayland: boolean): ShortcutEnvironment & { promptAccessibility(): void } {
  const mac = process.platform === 'darwin';
  return {
    platform: process.platform,
    wayland,
    accessibilityTrusted: () => (mac ? systemPreferences.isTrustedAccessibilityClient(false) : true),
    // Passing true shows macOS's own prompt, which opens System Settings at the right pane.
    promptAccessibility: () => void (mac && systemPreferences.isTrustedAccessibilityClient(true)),
  };
}
