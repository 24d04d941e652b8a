import { describe, expect, it } from 'vitest';

import type { NowPlaying, PlaybackState } from '../../shared/state/now-playing';
import { DEFAULT_PREFERENCES, type Preferences } from '../../shared/state/preferences';
import { playingTrack } from '../shell/testing/fake-playback';
import { ManualClock } from '../testing/manual-clock';

import { startMiniAutoHide, type MiniAutoHideDeps } from './mini-auto-hide';

const MINUTE = 60_000;

/** The ports, with a mini window that remembers who showed or hid it. */
function kit(autoHideMinutes: number | null = 5, nowPlaying: NowPlaying = playingTrack()) {
  const clock = new ManualClock();
  let state: PlaybackState = { nowPlaying, controls: { readOnly: false, readOnlyReason: null }, notice: null };
  let prefs: Preferences = { ...DEFAULT_PREFERENCES, mini: { ...DEFAULT_PREFERENCES.mini, autoHideMinutes } };
  const playbackListeners = new Set<() => void>();
  const prefListeners = new Set<() => void>();
  const visibilityListeners = new Set<(visible: boolean) => void>();
  let visible = true;
  const events: string[] = [];
  const setVisible = (next: boolean): void => {
    if (visible === next) return;
    visible = next;
    visibilityListeners.forEach((l) => l(next));
  };
  const deps: MiniAutoHideDeps = {
    clock,
    playback: {
      getState: () => state,
      onChange: (l) => (playbackListeners.add(l), () => void playbackListeners.delete(l)),
    },
    preferences: {
      values: () => prefs,
      onChange: (l) => (prefListeners.add(l), () => void prefListeners.delete(l)),
    },
    mini: {
      isVisible: () => visible,
      hide: () => (events.push('auto-hide'), setVisible(false)),
      show: () => (events.push('auto-show'), setVisible(true)),
      onVisibilityChange: (l) => (visibilityListeners.add(l), () => void visibilityListeners.delete(l)),
    },
  };
  return {
    clock,
    events,
    isVisible: () => visible,
    play: (isPlaying: boolean) => {
      state = { ...state, nowPlaying: isPlaying ? playingTrack() : playingTrack({ isPlaying: false }) };
      playbackListeners.forEach((l) => l());
    },
    setNowPlaying: (next: NowPlaying) => {
      state = { ...state, nowPlaying: next };
      playbackListeners.forEach((l) => l());
    },
    setMinutes: (minutes: number | null) => {
      prefs = { ...prefs, mini: { ...prefs.mini, autoHideMinutes: minutes } };
      prefListeners.forEach((l) => l());
    },
    /** The user (tray, hotkey, window button) shows or hides the mini-player. */
    user: (show: boolean) => setVisible(show),
    start: () => startMiniAutoHide(deps),
  };
}

describe('mini-player auto-hide', () => {
  it('hides the mini-player once nothing has played for N minutes, and brings it back when playback starts', async () => {
    const k = kit(5);
    k.start();
    await k.clock.advance(30 * MINUTE);
    expect(k.events).toEqual([]);

    k.play(false);
    await k.clock.advance(5 * MINUTE - 1);
    expect(k.isVisible()).toBe(true);
    await k.clock.advance(1);
    expect(k.events).toEqual(['auto-hide']);

    k.play(true);
    expect(k.events).toEqual(['auto-hide', 'auto-show']);
    expect(k.isVisible()).toBe(true);
  });

  it('counts from the last playback: a pause resumed in time starts the count again', async () => {
    const k = kit(5);
    k.start();
    k.play(false);
    await k.clock.advance(4 * MINUTE);
    k.play(true);
    k.play(false);
    await k.clock.advance(4 * MINUTE);
    expect(k.events).toEqual([]);
    await k.clock.advance(MINUTE);
    expect(k.events).toEqual(['auto-hide']);
  });

  it('never shows a mini-player the user hid, and a user-shown one gets a fresh N minutes', async () => {
    const k = kit(5, { kind: 'idle' });
    k.start();
    k.user(false);
    await k.clock.advance(10 * MINUTE);
    k.play(true);
    expect(k.events).toEqual([]);
    expect(k.isVisible()).toBe(false);

    // Auto-hidden, then shown and hidden again by the user: the user's hide wins when playback starts.
    k.user(true);
    k.play(false);
    await k.clock.advance(5 * MINUTE);
    expect(k.events).toEqual(['auto-hide']);
    k.user(true);
    await k.clock.advance(4 * MINUTE);
    expect(k.isVisible()).toBe(true);
    k.user(false);
    k.play(true);
    expect(k.events).toEqual(['auto-hide']);
    expect(k.isVisible()).toBe(false);
  });

  it('is off when the preference is null or 0', async () => {
    for (const minutes of [null, 0]) {
      const k = kit(minutes, { kind: 'idle' });
      k.start();
      await k.clock.advance(300 * MINUTE);
      expect(k.events).toEqual([]);
      expect(k.clock.pending).toBe(0);
    }
  });

  it('follows the preference live: turned on counts from the last playback, turned off brings the window back', async () => {
    const k = kit(null, { kind: 'idle' });
    k.start();
    await k.clock.advance(3 * MINUTE);
    k.setMinutes(5);
    await k.clock.advance(2 * MINUTE);
    expect(k.events).toEqual(['auto-hide']);

    k.setMinutes(null);
    expect(k.events).toEqual(['auto-hide', 'auto-show']);

    // Shortened while counting: the new length applies to the quiet time so far (since the window came back).
    k.setMinutes(10);
    await k.clock.advance(MINUTE);
    k.setMinutes(2);
    await k.clock.advance(MINUTE - 1);
    expect(k.events).toEqual(['auto-hide', 'auto-show']);
    await k.clock.advance(1);
    expect(k.events).toEqual(['auto-hide', 'auto-show', 'auto-hide']);
  });

  it('treats an ad or a private session that plays as playing, and a stale-state outage as no news', async () => {
    const k = kit(5);
    k.start();
    k.setNowPlaying({ kind: 'ad', isPlaying: true, progressMs: 0, observedAt: 0, device: null });
    await k.clock.advance(10 * MINUTE);
    expect(k.events).toEqual([]);
    // Offline or rate-limited says nothing about playback: the last known (playing) holds.
    k.setNowPlaying({ kind: 'unavailable', reason: 'offline', message: '', retryAt: null });
    await k.clock.advance(10 * MINUTE);
    expect(k.events).toEqual([]);
    k.setNowPlaying({ kind: 'unavailable', reason: 'signedOut', message: '', retryAt: null });
    await k.clock.advance(5 * MINUTE);
    expect(k.events).toEqual(['auto-hide']);
  });

  it('stops listening and counting when stopped', async () => {
    const k = kit(5, { kind: 'idle' });
    const rule = k.start();
    rule.stop();
    expect(k.clock.pending).toBe(0);
    await k.clock.advance(10 * MINUTE);
    k.setMinutes(1);
    await k.clock.advance(10 * MINUTE);
    expect(k.events).toEqual([]);
  });
});
