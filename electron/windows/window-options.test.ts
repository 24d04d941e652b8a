import { describe, expect, it } from 'vitest';

import { isAppPageUrl, placeMini, SECURE_WEB_PREFERENCES, windowSpec } from './window-options';

describe('window options', () => {
  it('keeps every security switch on', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  });

  it('makes the mini-player frameless, always on top and out of the taskbar', () => {
    expect(windowSpec('mini')).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true, page: 'mini.html' });
    expect(windowSpec('main')).toMatchObject({ frame: true, alwaysOnTop: false, page: 'index.html' });
  });

  it('keeps a saved mini-player position that is still on a screen', () => {
    const saved = { x: 100, y: 100, width: 340, height: 120 };
    expect(placeMini(saved, [{ x: 0, y: 0, width: 1920, height: 1080 }], saved)).toEqual(saved);
  });

  it('moves a mini-player left on a monitor that is gone to the primary corner', () => {
    const saved = { x: 2500, y: 100, width: 340, height: 120 };
    expect(placeMini(saved, [{ x: 0, y: 0, width: 1920, height: 1040 }], saved)).toEqual({ x: 1564, y: 904, width: 340, height: 120 });
  });

  it('recognises only the app pages', () => {
    const base = 'app://trayplay/';
    expect(isAppPageUrl(`${base}index.html`, base)).toBe(true);
    expect(isAppPageUrl(`${base}mini.html#x`, base)).toBe(true);
    expect(isAppPageUrl(`${base}index.html?a=1`, base)).toBe(true);
    expect(isAppPageUrl('https://evil.example/index.html', base)).toBe(false);
    expect(isAppPageUrl(`${base}../../secret.html`, base)).toBe(false);
  });

  it('attack: encoded dot segments, separators and look-alike prefixes are not app pages', () => {
    // The old check was a raw prefix test: `<base>%2e%2e/x` passed it.
    const base = 'app://trayplay/';
    for (const url of [
      `${base}%2e%2e/x`,
      `${base}renderer/%2e%2e/index.html`,
      `${base}assets/..%2findex.html`,
      `${base}index.html/../../evil.html`,
      `${base}index.htmlx`,
      `${base}other.html`,
      'app://trayplay.evil/index.html',
      'app://trayplay@evil/index.html',
      'file:///opt/Trayplay/resources/app.asar/dist/renderer/index.html',
      '',
    ]) {
      expect(isAppPageUrl(url, base), url).toBe(false);
    }
    expect(isAppPageUrl(`${base}index.html`, 'app://trayplay')).toBe(false);
  });
});
