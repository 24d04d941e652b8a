import { describe, expect, it } from 'vitest';

import { appStateFixture } from '../testing/app-state-fixture';
import { settle } from '../testing/manual-clock';

import { shellKit } from './testing/desktop-shell-kit';
import { playingTrack } from './testing/fake-playback';

const trackChange = (uri: string) => {
  const np = playingTrack();
  if (np.kind !== 'item') throw new Error('fixture');
  return appStateFixture({ playback: { nowPlaying: { ...np, item: { ...np.item, uri } } } });
};

describe('desktop shell wiring', () => {
  it('registers every shortcut again on resume and on unlock, though Electron still reports them registered', async () => {
    const t = shellKit();
    for (const wake of [t.resume, t.unlock]) {
      t.shortcuts.dropAll();
      expect(t.shortcuts.isRegistered('MediaNextTrack')).toBe(true);
      expect(t.shortcuts.press('MediaNextTrack')).toBe(false);
      wake();
      expect(t.shortcuts.press('MediaNextTrack')).toBe(true);
    }
    await settle();
    expect(t.playback.calls).toEqual(['next', 'next']);
  });

  it('on quit stops the hotkeys: every shortcut released, and nothing registers again after', () => {
    const t = shellKit();
    expect(t.shortcuts.registeredAccelerators().length).toBeGreaterThan(0);
    t.shell.stop();
    expect(t.shortcuts.registeredAccelerators()).toEqual([]);
    expect(t.listening()).toEqual({ state: 0, preferences: 0, power: 0 });
    t.update({ hotkeys: { bindings: { next: 'Ctrl+Alt+N' } } });
    t.resume();
    expect(t.shortcuts.registeredAccelerators()).toEqual([]);
  });

  it('on quit a control link or flag from a second instance runs nothing, logged once', async () => {
    const t = shellKit();
    await settle();
    t.shell.stop();
    expect(t.shell.inbox.receiveArgv(['trayplay', '--next'])).toBe('closed');
    expect(t.shell.inbox.receiveUrl('trayplay://control/play-pause')).toBe('closed');
    await settle();
    expect(t.playback.calls).toEqual([]);
    expect(t.logs.lines.filter((l) => l.includes('quitting'))).toHaveLength(1);
  });

  it('on quit clears the Accessibility trust poll, so trust granted later registers nothing', async () => {
    const t = shellKit({ platform: 'darwin', trusted: false });
    expect(t.shell.actions.requestAccessibility()).toEqual({ ok: true, value: null });
    expect(t.env.prompts).toBe(1);
    expect(t.clock.pending).toBe(1);
    t.shell.stop();
    expect(t.clock.pending).toBe(0);
    t.env.trusted = true;
    await t.clock.advance(10 * 60_000);
    expect(t.shortcuts.registeredAccelerators()).toEqual([]);
  });

  it('a part that throws inside a listener is logged and breaks neither the shell nor the source', async () => {
    const t = shellKit();
    t.update({ notifications: { trackChange: true } });
    t.env.focusedThrows = true;
    expect(() => t.push(trackChange('b'))).not.toThrow();
    t.env.loginInputThrows = true;
    expect(() => t.update({ startAtLogin: true })).not.toThrow();
    // The other preference listeners still ran for that change, and run for the next ones.
    t.update({ mini: { opacity: 70 } });
    expect(t.miniApplied()).toBe(1);
    t.env.toggleMiniThrows = true;
    expect(t.shortcuts.press('CommandOrControl+Alt+Shift+M')).toBe(true);
    await settle();
    expect(t.logs.lines.filter((l) => l.includes('threw') || l.includes('failed') || l.includes('not carried out')).length).toBeGreaterThanOrEqual(2);

    t.env.focusedThrows = false;
    t.env.loginInputThrows = false;
    t.env.toggleMiniThrows = false;
    t.push(trackChange('c'));
    expect(t.shown.map((n) => n.title)).toEqual(['Song']);
    t.update({ startAtLogin: false });
    expect(t.plans.at(-1)).toMatchObject({ kind: 'xdgAutostart', content: null });
    // Past the key-repeat window: a new press, not the held one.
    await t.clock.advance(1_000);
    expect(t.shortcuts.press('CommandOrControl+Alt+Shift+M')).toBe(true);
    await settle();
    expect(t.windowCalls).toContain('toggleMini');
  });
});
