import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';
import { appStateFixture } from '../testing/app-state-fixture';

import { playingTrack } from './testing/fake-playback';
import { TrackNotifier, type TrackNotice } from './track-notifier';

const track = (uri: string, patch: Parameters<typeof playingTrack>[0] = {}) => {
  const np = playingTrack(patch);
  if (np.kind !== 'item' || np.item.type !== 'track') throw new Error('fixture');
  return appStateFixture({ playback: { nowPlaying: { ...np, item: { ...np.item, uri, name: `Song ${uri}` } } } });
};

describe('track notifications', () => {
  const setup = (enabled = true) => {
    const shown: TrackNotice[] = [];
    /** Asked again by the adapter when the notice is finally shown (after its art arrived). */
    const stillWanted: Array<() => boolean> = [];
    const flags = { enabled, focused: false };
    const notifier = new TrackNotifier({
      notifier: {
        show: (n, wanted) => {
          shown.push(n);
          stillWanted.push(wanted);
        },
      },
      enabled: () => flags.enabled,
      windowFocused: () => flags.focused,
      log: new RootLogger({ sink: memorySink().sink }).scope('notify'),
    });
    return { notifier, shown, flags, stillWanted };
  };

  it('a notice waiting for its art is no longer wanted once a window has focus, notifications are off or the track moved on', () => {
    const t = setup();
    t.notifier.noteState(track('a'));
    t.notifier.noteState(track('b'));
    const wanted = t.stillWanted[0]!;
    expect(wanted()).toBe(true);
    t.flags.focused = true;
    expect(wanted()).toBe(false);
    t.flags.focused = false;
    t.flags.enabled = false;
    expect(wanted()).toBe(false);
    t.flags.enabled = true;
    t.notifier.noteState(track('c'));
    expect(wanted()).toBe(false);
    expect(t.stillWanted[1]!()).toBe(true);
  });

  it('shows one notification per track change, with title, artists, album and art', () => {
    const t = setup();
    t.notifier.noteState(track('a'));
    expect(t.shown).toEqual([]);
    t.notifier.noteState(track('b'));
    t.notifier.noteState(track('b', { progressMs: 9 }));
    t.notifier.noteState(track('b', { isPlaying: false }));
    t.notifier.noteState(track('b'));
    expect(t.shown).toEqual([{ title: 'Song b', body: 'A, B — Album', artUrl: 'https://i.scdn.co/image/1' }]);
    t.notifier.noteState(appStateFixture({ playback: { nowPlaying: { kind: 'ad', isPlaying: true, progressMs: 0, observedAt: 0, device: null } } }));
    t.notifier.noteState(track('b'));
    expect(t.shown).toHaveLength(1);
    t.notifier.noteState(track('c'));
    expect(t.shown.map((n) => n.title)).toEqual(['Song b', 'Song c']);
  });

  it('is off by default, quiet while a Trayplay window has focus, and silent for a paused change', () => {
    const off = setup(false);
    off.notifier.noteState(track('a'));
    off.notifier.noteState(track('b'));
    expect(off.shown).toEqual([]);
    const t = setup();
    t.notifier.noteState(track('a'));
    t.flags.focused = true;
    t.notifier.noteState(track('b'));
    t.flags.focused = false;
    t.notifier.noteState(track('b'));
    t.notifier.noteState(track('c', { isPlaying: false }));
    expect(t.shown).toEqual([]);
  });

  it('a throwing notifier is logged and never breaks the state flow', () => {
    const t = setup();
    const n = new TrackNotifier({
      notifier: { show: () => { throw new Error('dbus gone'); } },
      enabled: () => true,
      windowFocused: () => false,
      log: new RootLogger({ sink: memorySink().sink }).scope('notify'),
    });
    n.noteState(track('a'));
    expect(() => n.noteState(track('b'))).not.toThrow();
    expect(t.shown).toEqual([]);
  });
});
