import { describe, expect, it } from 'vitest';

import { planLoginItem } from './login-items';

const base = { enabled: true, platform: 'linux' as const, packaged: true, executable: '/home/ann/Apps/Trayplay.AppImage', appName: 'Trayplay', desktopName: 'app.trayplay.Trayplay.desktop', home: '/home/ann' };

describe('start at login', () => {
  it('on Linux writes an XDG autostart entry that starts Trayplay hidden, and removes it when turned off', () => {
    const plan = planLoginItem(base);
    expect(plan).toMatchObject({ kind: 'xdgAutostart', path: '/home/ann/.config/autostart/app.trayplay.Trayplay.desktop' });
    if (plan.kind !== 'xdgAutostart' || plan.content === null) throw new Error('no entry');
    const lines = plan.content.split('\n');
    expect(lines).toContain('Exec="/home/ann/Apps/Trayplay.AppImage" --hidden');
    expect(lines).toContain('X-GNOME-Autostart-enabled=true');
    expect(lines[0]).toBe('[Desktop Entry]');
    expect(plan.content.endsWith('\n')).toBe(true);
    expect(planLoginItem({ ...base, xdgConfigHome: '/cfg' })).toMatchObject({ path: '/cfg/autostart/app.trayplay.Trayplay.desktop' });
    expect(planLoginItem({ ...base, enabled: false })).toEqual({ kind: 'xdgAutostart', path: '/home/ann/.config/autostart/app.trayplay.Trayplay.desktop', content: null });
  });

  it('quotes an executable path with spaces and shell characters', () => {
    const plan = planLoginItem({ ...base, executable: '/opt/My Apps/$Trayplay' });
    expect(plan.kind === 'xdgAutostart' && plan.content).toContain('Exec="/opt/My Apps/\\\\$Trayplay" --hidden');
    expect(planLoginItem({ ...base, executable: 'relative/path' })).toMatchObject({ kind: 'unsupported' });
  });

  it('on macOS and Windows uses login items with --hidden; a development run says it cannot', () => {
    expect(planLoginItem({ ...base, platform: 'darwin' })).toEqual({ kind: 'loginItemSettings', openAtLogin: true, args: ['--hidden'] });
    expect(planLoginItem({ ...base, platform: 'win32', enabled: false })).toEqual({ kind: 'loginItemSettings', openAtLogin: false, args: ['--hidden'] });
    expect(planLoginItem({ ...base, packaged: false })).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('installed app') as unknown });
  });
});
