import { describe, expect, it } from 'vitest';

import { err } from '../../shared/result';
import { memorySink, RootLogger } from '../logging/logger';
import { ManualClock } from '../testing/manual-clock';

import { CommandDispatcher, TOGGLE_REPEAT_WINDOW_MS } from './command-dispatch';
import { FakePlayback, laptop, playingTrack } from './testing/fake-playback';

function setup() {
  const clock = new ManualClock(1_000_000);
  const playback = new FakePlayback();
  const windows: string[] = [];
  const logs = memorySink();
  const dispatcher = new CommandDispatcher({
    playback,
    windows: { showMain: () => void windows.push('main'), toggleMini: () => void windows.push('toggleMini'), showMini: () => void windows.push('showMini') },
    clock,
    log: new RootLogger({ sink: logs.sink }).scope('shell'),
  });
  return { clock, playback, windows, dispatcher, logs };
}

describe('command dispatch', () => {
  it('a held play/pause key toggles once; a press after the repeat ends toggles again', async () => {
    const t = setup();
    for (let i = 0; i < 40; i += 1) {
      await t.dispatcher.dispatch('playPause', 'hotkey');
      await t.clock.advance(i === 0 ? 500 : 33);
    }
    expect(t.playback.calls).toEqual(['togglePlay']);
    await t.clock.advance(TOGGLE_REPEAT_WINDOW_MS);
    await t.dispatcher.dispatch('playPause', 'hotkey');
    expect(t.playback.calls).toEqual(['togglePlay', 'togglePlay']);
    // Another source is another press.
    await t.dispatcher.dispatch('playPause', 'controlLink');
    expect(t.playback.calls).toHaveLength(3);
  });

  it('steps volume and seek from what the engine shows, clamped', async () => {
    const t = setup();
    t.playback.setNowPlaying(playingTrack({ device: { ...laptop, volumePercent: 98 }, observedAt: t.clock.now() - 5_000, progressMs: 3_000 }));
    await t.dispatcher.dispatch('volumeUp', 'hotkey');
    await t.dispatcher.dispatch('volumeDown', 'hotkey');
    await t.dispatcher.dispatch('seekForward', 'hotkey');
    await t.dispatcher.dispatch('seekBackward', 'hotkey');
    expect(t.playback.calls).toEqual(['volume 100', 'volume 93', 'seek 18000', 'seek 0']);
  });

  it('lets volume and skips repeat: the engine coalesces them', async () => {
    const t = setup();
    t.playback.setNowPlaying(playingTrack());
    for (let i = 0; i < 5; i += 1) {
      await t.dispatcher.dispatch('next', 'hotkey');
      await t.dispatcher.dispatch('volumeUp', 'hotkey');
    }
    expect(t.playback.calls.filter((c) => c === 'next')).toHaveLength(5);
    expect(t.playback.calls.filter((c) => c.startsWith('volume'))).toHaveLength(5);
  });

  it('refuses volume on a device without it, without a request', async () => {
    const t = setup();
    t.playback.setNowPlaying(playingTrack({ device: { ...laptop, supportsVolume: false } }));
    const result = await t.dispatcher.dispatch('volumeUp', 'controlLink');
    expect(result).toMatchObject({ ok: false, error: { code: 'volume_not_controllable' } });
    expect(t.playback.calls).toEqual([]);
  });

  it('stop pauses, and never starts playback', async () => {
    const t = setup();
    t.playback.setNowPlaying(playingTrack({ isPlaying: false }));
    await t.dispatcher.dispatch('stop', 'mediaKey');
    expect(t.playback.calls).toEqual([]);
    await t.clock.advance(1_000);
    t.playback.setNowPlaying(playingTrack({ isPlaying: true }));
    await t.dispatcher.dispatch('stop', 'mediaKey');
    expect(t.playback.calls).toEqual(['togglePlay']);
  });

  it('toggles like from the shown state, and runs window commands', async () => {
    const t = setup();
    t.playback.setNowPlaying(playingTrack({ liked: true }));
    await t.dispatcher.dispatch('toggleLike', 'hotkey');
    await t.dispatcher.dispatch('like', 'controlLink');
    await t.dispatcher.dispatch('showMini', 'argv');
    await t.dispatcher.dispatch('toggleMini', 'hotkey');
    await t.dispatcher.dispatch('showMain', 'tray');
    expect(t.playback.calls).toEqual(['liked false', 'liked true']);
    expect(t.windows).toEqual(['showMini', 'toggleMini', 'main']);
  });

  it('logs a refused command and answers with its error; a throwing engine becomes an error', async () => {
    const t = setup();
    t.playback.answer = err('read_only', 'Controls need Spotify Premium');
    expect(await t.dispatcher.dispatch('next', 'hotkey')).toMatchObject({ ok: false, error: { code: 'read_only' } });
    expect(t.logs.lines.some((l) => l.includes('not carried out') && l.includes('read_only'))).toBe(true);
    t.playback.next = () => {
      throw new Error('boom');
    };
    expect(await t.dispatcher.dispatch('next', 'hotkey')).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
