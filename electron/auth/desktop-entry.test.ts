import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { installAppImageDesktopEntry } from '../adapters/appimage-integration';

import { buildDesktopEntry, desktopEntryPath, quoteExecArgument } from './desktop-entry';

const OPTIONS = { desktopName: 'app.trayplay.Trayplay.desktop', appImagePath: '/home/me/Apps/Trayplay-1.0.AppImage', appName: 'Trayplay', scheme: 'trayplay' };

describe('AppImage desktop entry', () => {
  it('registers the scheme handler and launches the AppImage with the URL', () => {
    const entry = buildDesktopEntry(OPTIONS);
    expect(entry.ok).toBe(true);
    if (!entry.ok) return;
    expect(entry.value.content).toContain('Exec="/home/me/Apps/Trayplay-1.0.AppImage" %U\n');
    expect(entry.value.content).toContain('MimeType=x-scheme-handler/trayplay;\n');
    expect(entry.value.content.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
  });

  it('quotes paths per the Desktop Entry spec', () => {
    expect(quoteExecArgument('/a b/c')).toBe('"/a b/c"');
    expect(quoteExecArgument('/a"b')).toBe('"/a\\\\"b"');
    expect(quoteExecArgument('/a$b`c')).toBe('"/a\\\\$b\\\\`c"');
    expect(quoteExecArgument('/a\\b')).toBe('"/a\\\\\\\\b"');
    expect(quoteExecArgument('/100%')).toBe('"/100%%"');
  });

  it('refuses paths and names that cannot be written safely', () => {
    expect(buildDesktopEntry({ ...OPTIONS, appImagePath: 'relative/Trayplay.AppImage' }).ok).toBe(false);
    expect(buildDesktopEntry({ ...OPTIONS, appImagePath: '/x\nExec=evil' }).ok).toBe(false);
    expect(buildDesktopEntry({ ...OPTIONS, desktopName: '../evil.desktop' }).ok).toBe(false);
    expect(buildDesktopEntry({ ...OPTIONS, scheme: 'Tray Play' }).ok).toBe(false);
  });

  it('lives in ~/.local/share/applications unless XDG_DATA_HOME says otherwise', () => {
    expect(desktopEntryPath('/home/me', 'x.desktop')).toBe('/home/me/.local/share/applications/x.desktop');
    expect(desktopEntryPath('/home/me', 'x.desktop', '/data')).toBe('/data/applications/x.desktop');
  });

  it('writes the file and runs xdg-mime default and update-desktop-database', () => {
    const home = mkdtempSync(join(tmpdir(), 'trayplay-home-'));
    try {
      const runs: string[] = [];
      const result = installAppImageDesktopEntry(OPTIONS, { home, run: (file, args) => runs.push([file, ...args].join(' ')) });
      expect(result).toEqual({ ok: true, value: null });
      const path = desktopEntryPath(home, OPTIONS.desktopName);
      expect(readFileSync(path, 'utf8')).toContain('MimeType=x-scheme-handler/trayplay;');
      expect(statSync(path).mode & 0o777).toBe(0o644);
      expect(runs).toEqual([
        'xdg-mime default app.trayplay.Trayplay.desktop x-scheme-handler/trayplay',
        `update-desktop-database ${join(home, '.local/share/applications')}`,
      ]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
