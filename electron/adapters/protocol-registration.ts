import { homedir } from 'node:os';
import { resolve } from 'node:path';

import { app } from 'electron';

import { fail, ok } from '../../shared/result';
import { PROTOCOL_SCHEME } from '../auth/redirect-uris';
import type { ProtocolRegistrar } from '../ports/protocol-registrar';

import { installAppImageDesktopEntry } from './appimage-integration';

/** Matches package.json `desktopName` (Electron's CHROME_DESKTOP) and electron-builder's desktop file. */
const DESKTOP_NAME = 'app.trayplay.Trayplay.desktop';

/**
 * Registers `trayplay://` with the OS at run time. Windows development runs pass the Electron binary and the
 * app path; macOS and Linux deep links only work in packaged apps (Info.plist / desktop file), and an AppImage
 * writes its own desktop entry first. The receivers (`open-url`, `second-instance`, argv) live in main.ts.
 */
export function electronProtocolRegistrar(): ProtocolRegistrar {
  return {
    register: () => {
      if (!app.isPackaged && process.platform !== 'win32') {
        return fail('trayplay:// links work only in the installed app on this system; the loopback address is used instead.');
      }
      const appImage = process.env.APPIMAGE;
      if (process.platform === 'linux' && appImage) {
        const entry = installAppImageDesktopEntry(
          { desktopName: DESKTOP_NAME, appImagePath: appImage, appName: app.getName(), scheme: PROTOCOL_SCHEME },
          { home: homedir(), xdgDataHome: process.env.XDG_DATA_HOME },
        );
        if (!entry.ok) return entry;
      }
      const devArgs = process.defaultApp && process.argv.length >= 2 ? process.argv[1] : undefined;
      const registered =
        process.platform === 'win32' && devArgs !== undefined
          ? app.setAsDefaultProtocolClient(PROTOCOL_SCHEME, process.execPath, [resolve(devArgs)])
          : app.setAsDefaultProtocolClient(PROTOCOL_SCHEME);
      return registered
        ? ok(null)
        : fail('The system did not accept trayplay:// links for this app; the loopback address is used instead.');
    },
  };
}
