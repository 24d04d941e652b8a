import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';
import { appStateFixture } from '../testing/app-state-fixture';
import { PlaybackService } from '../player/playback-service';
import { apiState, scripted } from '../player/testing/scripted-api';
import { ManualClock, settle } from '../testing/manual-clock';

import { ControlInbox } from './control-inbox';
import { FIRST_READ_WAIT_MS } from './desktop-shell';
import { shellKit as setup } from './testing/desktop-shell-kit';
import { FakePlayback, playingTrack } from './testing/fake-playback';

describe('desktop shell', () => {
  it('writes or removes the autostart entry as the setting changes, and says when it cannot', () => {
    const t = setup();
    expect(t.plans).toEqual([{ kind: 'xdgAutostart', path: '/home/ann/.config/autostart/app.trayplay.Trayplay.desktop', content: null }]);
    t.update({ startAtLogin: true });
    expect(t.plans[1]).toMatchObject({ kind: 'xdgAutostart', content: expect.stringContaining('--hidden') as unknown });
    t.update({ theme: 'dark' });
    expect(t.plans).toHaveLength(2);
    expect(t.desktop.get().capabilities.startAtLogin).toEqual({ kind: 'available' });
    expect(setup({ packaged: false }).desktop.get().capabilities.startAtLogin).toMatchObject({ kind: 'unavailable' });
    const refused = setup({ applyThrows: true });
    expect(JSON.stringify(refused.desktop.get().capabilities.startAtLogin)).toContain('EACCES');
  });

  it('notifies on a track change only once turned on', () => {
    const t = setup();
    const next = (uri: string) => {
      const np = playingTrack();
      if (np.kind !== 'item') throw new Error('fixture');
      t.push(appStateFixture({ playback: { nowPlaying: { ...np, item: { ...np.item, uri } } } }));
    };
    next('b');
    expect(t.shown).toEqual([]);
    t.update({ notifications: { trackChange: true } });
    next('c');
    expect(t.shown).toHaveLength(1);
  });

  it('applies mini-player preferences when they change; on Wayland says always-on-top cannot work', () => {
    const t = setup();
    t.update({ mini: { opacity: 80 } });
    t.update({ theme: 'light' });
    expect(t.miniApplied()).toBe(1);
    expect(t.desktop.get().capabilities.alwaysOnTop).toEqual({ kind: 'available' });
    expect(setup({ wayland: true }).desktop.get().capabilities.alwaysOnTop).toMatchObject({ kind: 'unavailable', reason: expect.stringContaining('ozone-platform=x11') as unknown });
  });

  it('re-registers shortcuts the OS dropped when the system resumes, and releases them on stop', async () => {
    const t = setup();
    expect(t.shortcuts.delivers('MediaPlayPause')).toBe(true);
    t.shortcuts.dropAll();
    t.resume();
    expect(t.shortcuts.press('MediaPlayPause')).toBe(true);
    await settle();
    expect(t.playback.calls).toEqual(['togglePlay']);
    t.shell.stop();
    expect(t.shortcuts.registeredAccelerators()).toEqual([]);
  });
});

describe('desktop shell: a cold-start control command', () => {
  const loading = (): FakePlayback => {
    const playback = new FakePlayback();
    playback.state = { ...playback.state, nowPlaying: { kind: 'unavailable', reason: 'loading', message: 'Looking for Spotify…', retryAt: null } };
    return playback;
  };
  const coldStart = (playback: FakePlayback) => {
    const logger = new RootLogger({ sink: memorySink().sink });
    const inbox = new ControlInbox({ now: () => 0, log: logger.scope('control') });
    expect(inbox.receiveArgv(['/opt/Trayplay/trayplay', '--play-pause'])).toBe('queued');
    return setup({ playback, inbox });
  };

  it('waits for the first playback read, so play/pause sees what is playing', async () => {
    const playback = loading();
    coldStart(playback);
    await settle();
    expect(playback.calls).toEqual([]);
    playback.setNowPlaying(playingTrack());
    await settle();
    expect(playback.calls).toEqual(['togglePlay']);
    playback.setNowPlaying(playingTrack({ isPlaying: false }));
    expect(playback.calls).toEqual(['togglePlay']);
  });

  it('with the real engine: the first read says music is playing, so play/pause sends pause', async () => {
    const clock = new ManualClock();
    const api = scripted(clock);
    const tokens = { getAccessToken: () => Promise.resolve({ ok: true as const, value: 't' }), refreshAfterUnauthorized: () => Promise.resolve({ ok: true as const, value: 't' }) };
    const engine = new PlaybackService({ api: api.api, tokens, clock });
    engine.start();
    await clock.advance(0);
    const logger = new RootLogger({ sink: memorySink().sink });
    const inbox = new ControlInbox({ now: () => 0, log: logger.scope('control') });
    inbox.receiveArgv(['trayplay', '--play-pause']);
    setup({ engine, inbox });
    await settle();
    expect(api.methods()).toEqual(['getPlaybackState']);
    await api.last('getPlaybackState').answer(api.snapshot(apiState({ is_playing: true })));
    expect(api.methods()).toContain('pause');
    expect(api.methods()).not.toContain('play');
    engine.stop();
  });

  it('runs once a failed first read settles', async () => {
    const playback = loading();
    coldStart(playback);
    playback.setNowPlaying({ kind: 'unavailable', reason: 'offline', message: 'No network', retryAt: null });
    await settle();
    expect(playback.calls).toEqual(['togglePlay']);
  });

  it('does not wait for ever when the first read never answers', async () => {
    const playback = loading();
    const t = coldStart(playback);
    await t.clock.advance(FIRST_READ_WAIT_MS - 1);
    expect(playback.calls).toEqual([]);
    await t.clock.advance(1);
    expect(playback.calls).toEqual(['togglePlay']);
    expect(t.clock.pending).toBe(0);
  });

  it('runs at once when playback is already known', async () => {
    const playback = new FakePlayback();
    coldStart(playback);
    await settle();
    expect(playback.calls).toEqual(['togglePlay']);
  });
});

describe('desktop shell: a hotkey pressed before the first playback read', () => {
  const loading = (): FakePlayback => {
    const playback = new FakePlayback();
    playback.state = { ...playback.state, nowPlaying: { kind: 'unavailable', reason: 'loading', message: 'Looking for Spotify…', retryAt: null } };
    return playback;
  };

  it('waits for the read like a cold-start link, so play/pause sees what is playing', async () => {
    const playback = loading();
    const t = setup({ playback });
    expect(t.shortcuts.press('MediaPlayPause')).toBe(true);
    await settle();
    expect(playback.calls).toEqual([]);
    playback.setNowPlaying(playingTrack());
    await settle();
    expect(playback.calls).toEqual(['togglePlay']);
  });

  it('is bounded: runs once the wait is over though the read never answers', async () => {
    const playback = loading();
    const t = setup({ playback });
    t.shortcuts.press('MediaNextTrack');
    await t.clock.advance(FIRST_READ_WAIT_MS - 1);
    expect(playback.calls).toEqual([]);
    await t.clock.advance(1);
    expect(playback.calls).toEqual(['next']);
  });

  it('window hotkeys do not wait, and presses after the read run at once', async () => {
    const playback = loading();
    const t = setup({ playback });
    expect(t.shortcuts.press('CommandOrControl+Alt+Shift+M')).toBe(true);
    await settle();
    expect(t.windowCalls).toEqual(['toggleMini']);
    playback.setNowPlaying(playingTrack());
    t.shortcuts.press('MediaNextTrack');
    await settle();
    expect(playback.calls).toEqual(['next']);
  });
});
