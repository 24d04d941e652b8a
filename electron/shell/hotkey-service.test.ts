import { describe, expect, it } from 'vitest';

import { DEFAULT_PREFERENCES, applyPreferencesPatch, type Preferences, type PreferencesPatch } from '../../shared/state/preferences';
import { DesktopStatusHub } from '../core/desktop-status';
import { memorySink, RootLogger } from '../logging/logger';
import { ManualClock } from '../testing/manual-clock';

import { planHotkeys } from './hotkey-plan';
import { HotkeyService } from './hotkey-service';
import type { CommandSource, ShellCommand } from './shell-command';
import { FakeShortcuts } from './testing/fake-shortcuts';

function setup(options: { platform?: NodeJS.Platform; wayland?: boolean; trusted?: boolean; prefs?: PreferencesPatch } = {}) {
  const logs = memorySink();
  const logger = new RootLogger({ sink: logs.sink, minLevel: 'debug' });
  const shortcuts = new FakeShortcuts();
  let prefs: Preferences = applyPreferencesPatch(DEFAULT_PREFERENCES, options.prefs ?? {});
  const listeners = new Set<() => void>();
  const desktop = new DesktopStatusHub('electron', logger.scope('desktop'));
  const dispatched: Array<[ShellCommand, CommandSource]> = [];
  const env = { platform: options.platform ?? 'linux', wayland: options.wayland ?? false, trusted: options.trusted ?? false, prompts: 0 };
  const clock = new ManualClock();
  const service = new HotkeyService({
    shortcuts,
    env: {
      platform: env.platform,
      wayland: env.wayland,
      accessibilityTrusted: () => env.trusted,
      promptAccessibility: () => void (env.prompts += 1),
    },
    preferences: { values: () => prefs, onChange: (l) => (listeners.add(l), () => listeners.delete(l)) },
    desktop,
    dispatch: (command, source) => void dispatched.push([command, source]),
    clock,
    log: logger.scope('hotkeys'),
  });
  const update = (patch: PreferencesPatch) => {
    prefs = applyPreferencesPatch(prefs, patch);
    listeners.forEach((l) => l());
  };
  const report = (command: string) => desktop.get().hotkeys.find((r) => r.command === command)?.status;
  const mediaReport = (key: string) => desktop.get().mediaKeys.find((r) => r.key === key)?.status;
  return { service, shortcuts, desktop, dispatched, env, clock, update, report, mediaReport, logs };
}

describe('hotkey plan', () => {
  const env = { platform: 'linux' as const, wayland: false, accessibilityTrusted: true };
  it('reports unbound, invalid and conflicting bindings without registering them', () => {
    const plan = planHotkeys({
      bindings: { ...DEFAULT_PREFERENCES.hotkeys.bindings, next: 'Ctrl+Shift+Alt+P', seekForward: 'Banana+X', showMain: null },
      mediaKeys: 'take',
      env,
    });
    const status = (c: string) => plan.hotkeys.find((r) => r.command === c)?.status;
    // playPause holds CommandOrControl+Shift+Alt+P, which is Control+Alt+Shift+P on Linux.
    expect(status('next')).toEqual({ kind: 'conflict', with: 'playPause' });
    expect(status('seekForward')).toMatchObject({ kind: 'invalid' });
    expect(status('showMain')).toEqual({ kind: 'unbound' });
    expect(plan.register.map((p) => p.accelerator)).not.toContain('Control+Alt+Shift+P');
  });

  it('on macOS, the same combination spelled with Super and with CommandOrControl is a conflict', () => {
    const bindings = { ...DEFAULT_PREFERENCES.hotkeys.bindings, playPause: 'CommandOrControl+Alt+P', next: 'Super+Alt+P', previous: 'Meta+Option+P' };
    const mac = planHotkeys({ bindings, mediaKeys: 'leave', env: { ...env, platform: 'darwin' } });
    expect(mac.hotkeys.find((r) => r.command === 'next')?.status).toEqual({ kind: 'conflict', with: 'playPause' });
    expect(mac.hotkeys.find((r) => r.command === 'previous')?.status).toEqual({ kind: 'conflict', with: 'playPause' });
    const linux = planHotkeys({ bindings, mediaKeys: 'leave', env });
    expect(linux.hotkeys.find((r) => r.command === 'next')?.status).toEqual({ kind: 'pending' });
    expect(linux.hotkeys.find((r) => r.command === 'previous')?.status).toEqual({ kind: 'conflict', with: 'next' });
  });

  it('a binding on a media key Trayplay takes conflicts with it; left to other apps, it is the user’s', () => {
    const bindings = { ...DEFAULT_PREFERENCES.hotkeys.bindings, toggleMini: 'MediaStop' };
    const taking = planHotkeys({ bindings, mediaKeys: 'take', env });
    expect(taking.hotkeys.find((r) => r.command === 'toggleMini')?.status).toEqual({ kind: 'conflict', with: 'playPause' });
    const leaving = planHotkeys({ bindings, mediaKeys: 'leave', env });
    expect(leaving.hotkeys.find((r) => r.command === 'toggleMini')?.status).toEqual({ kind: 'pending' });
    expect(leaving.mediaKeys.every((r) => r.status.kind === 'unbound')).toBe(true);
    expect(leaving.register.some((p) => p.target.kind === 'mediaKey')).toBe(false);
  });
});

describe('hotkey service', () => {
  it('registers every binding and media key and dispatches their commands', () => {
    const t = setup();
    t.service.start();
    expect(t.report('playPause')).toEqual({ kind: 'registered' });
    expect(t.mediaReport('MediaPlayPause')).toEqual({ kind: 'registered' });
    expect(t.shortcuts.registeredAccelerators()).toContain('CommandOrControl+Alt+Shift+P');
    t.shortcuts.press('MediaNextTrack');
    t.shortcuts.press('CommandOrControl+Alt+Shift+M');
    t.shortcuts.press('MediaStop');
    expect(t.dispatched).toEqual([
      ['next', 'mediaKey'],
      ['toggleMini', 'hotkey'],
      ['stop', 'mediaKey'],
    ]);
  });

  it('reports a shortcut another app holds as taken and one the OS throws on as failed, and goes on', () => {
    const t = setup();
    t.shortcuts.heldElsewhere.add('CommandOrControl+Alt+Shift+Right');
    t.shortcuts.heldElsewhere.add('MediaPlayPause');
    t.shortcuts.throwsFor.add('CommandOrControl+Alt+Shift+L');
    t.service.start();
    expect(t.report('next')).toEqual({ kind: 'taken' });
    expect(t.mediaReport('MediaPlayPause')).toEqual({ kind: 'taken' });
    expect(t.report('toggleLike')).toMatchObject({ kind: 'failed' });
    expect(JSON.stringify(t.report('toggleLike'))).toMatch(/Failed to parse/);
    expect(t.report('previous')).toEqual({ kind: 'registered' });
    expect(t.mediaReport('MediaNextTrack')).toEqual({ kind: 'registered' });
  });

  it('re-applies on a hotkey change: the old accelerator is released, the new one registered', () => {
    const t = setup();
    t.service.start();
    t.update({ hotkeys: { bindings: { next: 'Ctrl+Alt+N' } } });
    expect(t.shortcuts.isRegistered('CommandOrControl+Alt+Shift+Right')).toBe(false);
    expect(t.shortcuts.isRegistered('Control+Alt+N')).toBe(true);
    expect(t.report('next')).toEqual({ kind: 'registered' });
    t.update({ hotkeys: { mediaKeys: 'leave' } });
    expect(t.shortcuts.isRegistered('MediaPlayPause')).toBe(false);
    expect(t.mediaReport('MediaPlayPause')).toEqual({ kind: 'unbound' });
    // Another section changing does not touch the shortcuts.
    const before = t.shortcuts.calls.length;
    t.update({ theme: 'dark' });
    expect(t.shortcuts.calls.length).toBe(before);
  });

  it('after sleep registers every shortcut again, though Electron still reports them registered, and says what failed', () => {
    const t = setup();
    t.shortcuts.heldElsewhere.add('CommandOrControl+Alt+Shift+Up');
    t.service.start();
    t.shortcuts.dropAll();
    // Electron's own bookkeeping survives the OS dropping the grab: asking it proves nothing.
    expect(t.shortcuts.isRegistered('MediaPlayPause')).toBe(true);
    expect(t.shortcuts.press('MediaPlayPause')).toBe(false);
    t.shortcuts.heldElsewhere.add('MediaStop');
    t.service.recheck();
    expect(t.shortcuts.press('MediaPlayPause')).toBe(true);
    expect(t.shortcuts.press('CommandOrControl+Alt+Shift+M')).toBe(true);
    expect(t.dispatched).toEqual([
      ['playPause', 'mediaKey'],
      ['toggleMini', 'hotkey'],
    ]);
    expect(t.report('playPause')).toEqual({ kind: 'registered' });
    expect(t.mediaReport('MediaStop')).toEqual({ kind: 'taken' });
    expect(t.shortcuts.delivers('MediaStop')).toBe(false);
    // Taken before sleep stays taken; it is not claimed as registered.
    expect(t.report('volumeUp')).toEqual({ kind: 'taken' });
  });

  it('unregisters everything it registered on stop, and nothing else', () => {
    const t = setup();
    t.service.start();
    t.service.stop();
    expect(t.shortcuts.registeredAccelerators()).toEqual([]);
    // A resume arriving after quit began registers nothing again.
    t.service.recheck();
    expect(t.shortcuts.registeredAccelerators()).toEqual([]);
    t.update({ hotkeys: { bindings: { next: 'Ctrl+Alt+N' } } });
    expect(t.shortcuts.registeredAccelerators()).toEqual([]);
  });

  it('on Wayland registers nothing and says why, pointing to control links', () => {
    const t = setup({ wayland: true });
    t.service.start();
    expect(t.shortcuts.calls).toEqual([]);
    expect(t.report('playPause')).toMatchObject({ kind: 'unsupported' });
    expect(JSON.stringify(t.report('playPause'))).toMatch(/trayplay:\/\/control/);
    expect(t.mediaReport('MediaNextTrack')).toMatchObject({ kind: 'unsupported' });
    expect(t.report('seekForward')).toEqual({ kind: 'unbound' });
    expect(t.desktop.get().capabilities.globalShortcuts).toMatchObject({ kind: 'unavailable' });
  });

  it('on macOS without Accessibility trust keeps the media keys back, prompts on request and registers once trusted', async () => {
    const t = setup({ platform: 'darwin' });
    t.service.start();
    expect(t.mediaReport('MediaPlayPause')).toEqual({ kind: 'needsAccessibility' });
    expect(t.report('playPause')).toEqual({ kind: 'registered' });
    expect(t.shortcuts.isRegistered('MediaPlayPause')).toBe(false);
    expect(t.desktop.get().capabilities.accessibility).toMatchObject({ kind: 'unavailable' });
    t.service.requestAccessibility();
    expect(t.env.prompts).toBe(1);
    await t.clock.advance(3_000);
    t.env.trusted = true;
    await t.clock.advance(3_000);
    expect(t.mediaReport('MediaPlayPause')).toEqual({ kind: 'registered' });
    expect(t.desktop.get().capabilities.accessibility).toEqual({ kind: 'available' });
  });

  it('a throwing trust check or unregister never breaks applying', () => {
    const t = setup();
    t.service.start();
    t.shortcuts.unregister = () => {
      throw new Error('boom');
    };
    t.update({ hotkeys: { bindings: { next: 'Ctrl+Alt+N' } } });
    expect(t.report('next')).toEqual({ kind: 'registered' });
    expect(t.logs.lines.some((l) => l.includes('shortcut call failed'))).toBe(true);
  });
});
