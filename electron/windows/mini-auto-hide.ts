import type { NowPlaying, PlaybackState } from '../../shared/state/now-playing';
import type { Preferences } from '../../shared/state/preferences';
import { callSafely } from '../core/emitter';
import type { Logger } from '../logging/logger';
import type { Clock, TimerHandle } from '../ports/clock';

/** The mini-player window as this rule sees it; the window manager implements it. */
export interface AutoHideWindow {
  isVisible(): boolean;
  hide(): void;
  /** Without taking the focus: playback starting is no reason to steal the keyboard. */
  show(): void;
  /** Every show and hide, whoever caused it (tray, hotkey, window button, this rule). */
  onVisibilityChange(listener: (visible: boolean) => void): () => void;
}

export interface MiniAutoHideDeps {
  readonly clock: Clock;
  readonly log?: Logger;
  readonly playback: { getState(): PlaybackState; onChange(listener: () => void): () => void };
  readonly preferences: { values(): Preferences; onChange(listener: () => void): () => void };
  readonly mini: AutoHideWindow;
}

/** Playing, not playing, or no news (an outage keeps the last known answer). */
function playingOf(nowPlaying: NowPlaying): boolean | null {
  switch (nowPlaying.kind) {
    case 'idle':
      return false;
    case 'item':
    case 'ad':
    case 'private':
      return nowPlaying.isPlaying;
    case 'unavailable':
      return nowPlaying.reason === 'signedOut' ? false : null;
  }
}

/**
 * Hides the mini-player after `mini.autoHideMinutes` with nothing playing, and shows it again when playback
 * starts, but only if this rule hid it: a mini-player the user hid stays hidden. Null or 0: off. The quiet
 * time counts from the last playback or the window's last return, whichever is later.
 */
export function startMiniAutoHide(deps: MiniAutoHideDeps): { stop(): void } {
  const { clock, mini } = deps;
  let playing = playingOf(deps.playback.getState().nowPlaying) ?? false;
  let quietSince = clock.now();
  let autoHidden = false;
  /** Set while the rule itself shows or hides, so its own visibility events are not taken for the user's. */
  let acting = false;
  let timer: TimerHandle = null;

  const minutes = (): number | null => {
    const value = deps.preferences.values().mini.autoHideMinutes;
    return value !== null && value > 0 ? value : null;
  };
  const cancel = (): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const act = (run: () => void): void => {
    acting = true;
    try {
      run();
    } finally {
      acting = false;
    }
  };
  const hideNow = (): void => {
    timer = null;
    if (playing || !mini.isVisible()) return;
    autoHidden = true;
    act(() => mini.hide());
  };
  const bringBack = (): void => {
    if (!autoHidden) return;
    autoHidden = false;
    // Back on screen: any later count starts from now, not from before it was hidden.
    quietSince = clock.now();
    if (!mini.isVisible()) act(() => mini.show());
  };
  /** Brings the timer in line with what is known now. */
  const review = (): void => {
    cancel();
    const limit = minutes();
    if (limit === null || playing) {
      bringBack();
      return;
    }
    if (autoHidden) return;
    const dueIn = quietSince + limit * 60_000 - clock.now();
    if (dueIn <= 0) hideNow();
    else timer = clock.setTimeout(() => callSafely(deps.log, 'mini-player auto-hide', hideNow), dueIn);
  };

  const offs = [
    deps.playback.onChange(() => {
      const next = playingOf(deps.playback.getState().nowPlaying);
      if (next === null || next === playing) return;
      playing = next;
      if (!playing) quietSince = clock.now();
      review();
    }),
    deps.preferences.onChange(review),
    mini.onVisibilityChange((visible) => {
      if (acting) return;
      // The user took over: whatever they chose now stands, and a window they show gets a fresh count.
      autoHidden = false;
      if (visible) quietSince = Math.max(quietSince, clock.now());
      review();
    }),
  ];
  review();

  return {
    stop: () => {
      cancel();
      for (const off of offs.splice(0)) off();
    },
  };
}
