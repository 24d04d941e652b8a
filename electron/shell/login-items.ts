import { join } from 'node:path';

import { buildDesktopEntry } from '../auth/desktop-entry';
import { PROTOCOL_SCHEME } from '../auth/redirect-uris';

/** What "start at login" needs on this OS, decided without touching it. */
export type LoginItemPlan =
  /** macOS and Windows: Electron's login items, started with `--hidden` so Trayplay stays in the tray. */
  | { readonly kind: 'loginItemSettings'; readonly openAtLogin: boolean; readonly args: readonly string[] }
  /** Linux: an XDG autostart entry (written, or removed when `content` is null). */
  | { readonly kind: 'xdgAutostart'; readonly path: string; readonly content: string | null }
  | { readonly kind: 'unsupported'; readonly reason: string };

export interface LoginItemInput {
  readonly enabled: boolean;
  readonly platform: NodeJS.Platform;
  /** An installed build; a development run would register the bare Electron binary. */
  readonly packaged: boolean;
  /** The program to start: `$APPIMAGE` for an AppImage, else the executable. */
  readonly executable: string;
  readonly appName: string;
  /** package.json `desktopName`, e.g. `app.trayplay.Trayplay.desktop`. */
  readonly desktopName: string;
  readonly home: string;
  readonly xdgConfigHome?: string;
}

export const HIDDEN_FLAG = '--hidden';

export function planLoginItem(input: LoginItemInput): LoginItemPlan {
  if (!input.packaged) return { kind: 'unsupported', reason: 'Start at login works in the installed app, not in a development run' };
  if (input.platform === 'darwin' || input.platform === 'win32') return { kind: 'loginItemSettings', openAtLogin: input.enabled, args: [HIDDEN_FLAG] };
  if (input.platform !== 'linux') return { kind: 'unsupported', reason: `Start at login is not available on ${input.platform}` };
  const dir = join(input.xdgConfigHome && input.xdgConfigHome.length > 0 ? input.xdgConfigHome : join(input.home, '.config'), 'autostart');
  const path = join(dir, input.desktopName);
  if (!input.enabled) return { kind: 'xdgAutostart', path, content: null };
  // The same entry the AppImage integration writes, started hidden, plus the autostart keys.
  const entry = buildDesktopEntry({ desktopName: input.desktopName, appImagePath: input.executable, appName: input.appName, scheme: PROTOCOL_SCHEME });
  if (!entry.ok) return { kind: 'unsupported', reason: entry.error };
  const lines = entry.value.content.split('\n').map((line) => (line.startsWith('Exec=') ? line.replace(/ %U$/, ` ${HIDDEN_FLAG}`) : line));
  const at = lines.lastIndexOf('');
  lines.splice(at === -1 ? lines.length : at, 0, 'X-GNOME-Autostart-enabled=true', 'Hidden=false');
  return { kind: 'xdgAutostart', path, content: lines.join('\n') };
}
