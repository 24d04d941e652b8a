import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { fail, ok } from '../../shared/result';
import { buildDesktopEntry, desktopEntryPath, type DesktopEntryOptions } from '../auth/desktop-entry';
import type { ProtocolRegistration } from '../ports/protocol-registrar';

export interface AppImageIntegrationDeps {
  readonly home: string;
  readonly xdgDataHome?: string;
  /** Runs a helper program; errors are ignored (the entry itself is what matters). */
  readonly run?: (file: string, args: readonly string[]) => void;
}

const runQuietly = (file: string, args: readonly string[]): void => {
  execFile(file, [...args], { timeout: 10_000 }, () => undefined);
};

/**
 * Writes `~/.local/share/applications/<desktopName>` for an AppImage (which installs none) with the scheme
 * handler, then asks `xdg-mime` to make it the default and refreshes the desktop database.
 */
export function installAppImageDesktopEntry(options: DesktopEntryOptions, deps: AppImageIntegrationDeps): ProtocolRegistration {
  const entry = buildDesktopEntry(options);
  if (!entry.ok) return entry;
  const { fileName, content } = entry.value;
  const path = desktopEntryPath(deps.home, fileName, deps.xdgDataHome);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (current !== content) writeFileSync(path, content, { mode: 0o644 });
  } catch (cause) {
    return fail(`The desktop entry for trayplay:// links could not be written (${cause instanceof Error ? cause.message : 'unknown'})`);
  }
  const run = deps.run ?? runQuietly;
  run('xdg-mime', ['default', fileName, `x-scheme-handler/${options.scheme}`]);
  run('update-desktop-database', [dirname(path)]);
  return ok(null);
}
