import { join } from 'node:path';

import { fail, ok, type Result } from '../../shared/result';

/** What an AppImage needs so that `trayplay://` links open it: AppImages install no desktop file of their own. */
export interface DesktopEntryOptions {
  /** The file name Electron looks for (`CHROME_DESKTOP`, package.json `desktopName`), e.g. `app.trayplay.Trayplay.desktop`. */
  readonly desktopName: string;
  /** `$APPIMAGE`: the absolute path of the AppImage file. */
  readonly appImagePath: string;
  readonly appName: string;
  readonly scheme: string;
}

export interface DesktopEntry {
  readonly fileName: string;
  readonly content: string;
}

/** `~/.local/share/applications/<desktopName>` (honouring XDG_DATA_HOME). */
export function desktopEntryPath(home: string, desktopName: string, xdgDataHome?: string): string {
  return join(xdgDataHome && xdgDataHome.length > 0 ? xdgDataHome : join(home, '.local', 'share'), 'applications', desktopName);
}

/**
 * Quotes one Exec argument per the Desktop Entry spec: inside double quotes escape `"`, `` ` ``, `$` and `\`;
 * then the string-value rule doubles every backslash again; `%` becomes `%%` (field codes).
 */
export function quoteExecArgument(arg: string): string {
  const quoted = arg.replace(/[\\"`$]/g, (c) => `\\${c}`);
  return `"${quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%')}"`;
}

/** The desktop entry's text, or why it cannot be written (a path no desktop file can hold). */
export function buildDesktopEntry(options: DesktopEntryOptions): Result<DesktopEntry, string> {
  if (!options.desktopName.endsWith('.desktop') || /[/\s]/.test(options.desktopName)) {
    return fail(`"${options.desktopName}" is not a desktop file name`);
  }
  if (!options.appImagePath.startsWith('/') || /[\r\n\0]/.test(options.appImagePath)) {
    return fail('The AppImage path cannot be written into a desktop file');
  }
  if (!/^[a-z][a-z0-9+.-]*$/.test(options.scheme)) return fail(`"${options.scheme}" is not a URL scheme`);
  const name = options.appName.replace(/[\r\n]/g, ' ');
  const content = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${name}`,
    `Exec=${quoteExecArgument(options.appImagePath)} %U`,
    'Terminal=false',
    'Categories=AudioVideo;Audio;',
    `MimeType=x-scheme-handler/${options.scheme};`,
    `StartupWMClass=${name}`,
    // Marks the file as ours, so a later run may update it when the AppImage moves.
    'X-Trayplay-Generated=true',
    '',
  ].join('\n');
  return ok({ fileName: options.desktopName, content });
}
