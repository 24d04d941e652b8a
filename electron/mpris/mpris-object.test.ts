import { describe, expect, it } from 'vitest';

import { err, ok, type Result } from '../../shared/result';
import type { NowPlaying, PlaybackState } from '../../shared/state/now-playing';
import { memorySink, RootLogger } from '../logging/logger';
import { ManualClock } from '../testing/manual-clock';

import { trackIdPath } from './metadata';
import { PLAYER_INTERFACE, ROOT_INTERFACE } from './mpris-names';
import { mprisObject, type MprisPlayback } from './mpris-object';
import { laptop, playbackOf, trackPlaying, TRACK_URI } from './testing/states';

/** The engine's public commands, recorded; answers as told. */
function fakeEngine(initial: PlaybackState, answer: Result<null> = ok(null)) {
  const calls: string[] = [];
  let state = initial;
  const run = (name: string) => {
    calls.push(name);
    return Promise.resolve(answer);
  };
  const playback: MprisPlayback = {
    getState: () => state,
    togglePlay: () => run('togglePlay'),
    next: () => run('next'),
    previous: () => run('previous'),
    seek: (ms) => run(`seek ${ms}`),
    setVolume: (percent) => run(`volume ${percent}`),
    setShuffle: (on) => run(`shuffle ${on}`),
    cycleRepeat: () => {
      // Like the engine: the shown state moves at once.
      if (state.nowPlaying.kind === 'item') {
        const next = { off: 'context', context: 'track', track: 'off' } as const;
        state = { ...state, nowPlaying: { ...state.nowPlaying, repeat: next[state.nowPlaying.repeat] } };
      }
      return run('cycleRepeat');
    },
  };
  return { playback, calls, set: (next: PlaybackState) => (state = next) };
}

function objectFor(initial: PlaybackState, answer?: Result<null>, openUri: ((uri: string) => Promise<Result<null>>) | null = null) {
  const clock = new ManualClock(1_000_000);
  const engine = fakeEngine(initial, answer);
  const raised: string[] = [];
  const object = mprisObject({
    playback: engine.playback,
    clock,
    logger: new RootLogger({ sink: memorySink().sink }).scope('mpris'),
    raise: () => raised.push('raise'),
    quit: () => raised.push('quit'),
    openUri,
  });
  const iface = (name: string) => object.interfaces.find((i) => i.name === name)!;
  const call = (member: string, args: unknown[] = []) => Promise.resolve(iface(PLAYER_INTERFACE).methods[member]!.call(args));
  const write = (property: string, value: unknown) => Promise.resolve(iface(PLAYER_INTERFACE).write!(property, value));
  return { object, engine, clock, raised, iface, call, write };
}

describe("Trayplay's MPRIS object", () => {
  it('transport methods go through the engine; those not possible now have no effect', async () => {
    const t = objectFor(playbackOf(trackPlaying({ disallows: ['resume', 'previous'] })));
    await t.call('PlayPause');
    await t.call('Pause');
    await t.call('Play'); // already playing: nothing
    await t.call('Next');
    await t.call('Previous'); // disallowed: nothing
    await t.call('Stop');
    expect(t.engine.calls).toEqual(['togglePlay', 'togglePlay', 'next', 'togglePlay']);
  });

  it('Pause and Stop never resume a paused player (the engine only toggles); Play does', async () => {
    const paused: NowPlaying[] = [
      trackPlaying({ isPlaying: false, disallows: ['pause'] }),
      { kind: 'ad', isPlaying: false, progressMs: 0, observedAt: 1_000_000, device: laptop },
      { kind: 'private', isPlaying: false, device: laptop, disallows: [] },
    ];
    for (const nowPlaying of paused) {
      const t = objectFor(playbackOf(nowPlaying));
      await t.call('Pause');
      await t.call('Stop');
      expect(t.engine.calls, nowPlaying.kind).toEqual([]);
      await t.call('Play');
      expect(t.engine.calls, nowPlaying.kind).toEqual(['togglePlay']);
    }
  });

  it('read-only: nothing reaches the engine', async () => {
    const t = objectFor(playbackOf(trackPlaying(), true));
    for (const m of ['PlayPause', 'Play', 'Pause', 'Next', 'Previous', 'Stop']) await t.call(m);
    await t.call('Seek', [5_000_000]);
    await t.write('Volume', 0.1);
    expect(t.engine.calls).toEqual([]);
  });

  it('Seek is relative to the position now; past the end it acts like Next; before the start it seeks to 0', async () => {
    const t = objectFor(playbackOf(trackPlaying()));
    await t.clock.advance(2_000); // position 12 s
    await t.call('Seek', [5_000_000]);
    await t.call('Seek', [-60_000_000]);
    await t.call('Seek', [500_000_000]);
    expect(t.engine.calls).toEqual(['seek 17000', 'seek 0', 'next']);
  });

  it('SetPosition applies only to the current track and inside it', async () => {
    const t = objectFor(playbackOf(trackPlaying()));
    await t.call('SetPosition', [trackIdPath(TRACK_URI), 30_000_000]);
    await t.call('SetPosition', ['/app/trayplay/track/somethingElse', 30_000_000]);
    await t.call('SetPosition', [trackIdPath(TRACK_URI), 300_000_000]);
    await t.call('SetPosition', [trackIdPath(TRACK_URI), -1]);
    expect(t.engine.calls).toEqual(['seek 30000']);
  });

  it('Volume, Shuffle and LoopStatus writes become engine commands; bad values are refused', async () => {
    const t = objectFor(playbackOf(trackPlaying()));
    expect(await t.write('Volume', 0.305)).toEqual({ ok: true, body: [] });
    await t.write('Volume', 7);
    await t.write('Shuffle', true);
    await t.write('LoopStatus', 'Track');
    expect(t.engine.calls).toEqual(['volume 31', 'volume 100', 'shuffle true', 'cycleRepeat', 'cycleRepeat']);
    expect(await t.write('Volume', 'loud')).toMatchObject({ ok: false, errorName: 'org.freedesktop.DBus.Error.InvalidArgs' });
    expect(await t.write('LoopStatus', 'Forever')).toMatchObject({ ok: false });
    expect(await t.write('PlaybackStatus', 'Playing')).toMatchObject({ ok: false, errorName: 'org.freedesktop.DBus.Error.PropertyReadOnly' });
  });

  it('Rate is writable as the spec asks: 1.0 changes nothing, 0.0 acts as Pause, other rates are ignored', async () => {
    const t = objectFor(playbackOf(trackPlaying()));
    expect(t.iface(PLAYER_INTERFACE).properties.Rate).toEqual({ signature: 'd', access: 'readwrite' });
    expect(await t.write('Rate', 1)).toEqual({ ok: true, body: [] });
    // MinimumRate = MaximumRate = 1.0: Spotify plays at one speed, so any other rate is ignored, not an error.
    expect(await t.write('Rate', 2)).toEqual({ ok: true, body: [] });
    expect(await t.write('Rate', 0.5)).toEqual({ ok: true, body: [] });
    expect(t.engine.calls).toEqual([]);
    expect(await t.write('Rate', 0)).toEqual({ ok: true, body: [] });
    expect(t.engine.calls).toEqual(['togglePlay']);
    expect(t.iface(PLAYER_INTERFACE).read().Rate).toEqual({ signature: 'd', value: 1 });
    expect(await t.write('Rate', 'fast')).toMatchObject({ ok: false, errorName: 'org.freedesktop.DBus.Error.InvalidArgs' });
    // Paused already: 0.0 does not resume (Pause never does).
    const paused = objectFor(playbackOf(trackPlaying({ isPlaying: false })));
    await paused.write('Rate', 0);
    expect(paused.engine.calls).toEqual([]);
  });

  it("the engine's refusal reaches the caller with its message", async () => {
    const t = objectFor(playbackOf(trackPlaying()), err('rate_limited', 'Spotify asked Trayplay to slow down; try again shortly.'));
    expect(await t.call('Next')).toEqual({ ok: false, errorName: 'app.trayplay.Error.rate_limited', message: 'Spotify asked Trayplay to slow down; try again shortly.' });
  });

  it('OpenUri takes Spotify URIs only, and says it is not supported while the engine cannot play one', async () => {
    const t = objectFor(playbackOf(trackPlaying()));
    expect(await t.call('OpenUri', ['file:///etc/passwd'])).toMatchObject({ ok: false, errorName: 'org.freedesktop.DBus.Error.InvalidArgs' });
    expect(await t.call('OpenUri', [TRACK_URI])).toMatchObject({ ok: false, errorName: 'org.mpris.MediaPlayer2.Error.NotSupported' });
    expect(t.iface(ROOT_INTERFACE).read().SupportedUriSchemes).toEqual({ signature: 'as', value: [] });
  });

  it('OpenUri with a player for URIs: spotify scheme only, links normalised, refusals mapped', async () => {
    const opened: string[] = [];
    let answer: Result<null> = ok(null);
    const openUri = (uri: string) => (opened.push(uri), Promise.resolve(answer));
    const t = objectFor(playbackOf(trackPlaying()), undefined, openUri);
    expect(t.iface(ROOT_INTERFACE).read()).toMatchObject({ SupportedUriSchemes: { signature: 'as', value: ['spotify'] }, SupportedMimeTypes: { signature: 'as', value: [] } });
    const id = TRACK_URI.split(':')[2]!;
    expect(await t.call('OpenUri', [`https://open.spotify.com/intl-de/track/${id}?si=abc`])).toEqual({ ok: true, body: [] });
    expect(await t.call('OpenUri', ['spotify:album:1DFixLWuPkv3KT3TnV35m3'])).toEqual({ ok: true, body: [] });
    expect(opened).toEqual([TRACK_URI, 'spotify:album:1DFixLWuPkv3KT3TnV35m3']);
    expect(await t.call('OpenUri', ['https://example.com/track/x'])).toMatchObject({ ok: false, errorName: 'org.freedesktop.DBus.Error.InvalidArgs' });
    answer = err('read_only', 'Controlling playback needs Spotify Premium. Now playing still works.');
    expect(await t.call('OpenUri', [TRACK_URI])).toEqual({
      ok: false,
      errorName: 'org.mpris.MediaPlayer2.Error.NotSupported',
      message: 'Controlling playback needs Spotify Premium. Now playing still works.',
    });
    answer = err('no_active_device', 'Start Spotify on a device first.');
    expect(await t.call('OpenUri', [TRACK_URI])).toMatchObject({ ok: false, errorName: 'app.trayplay.Error.no_active_device' });
    expect(opened).toHaveLength(4);
  });

  it('OpenUri while read-only: NotSupported, and nothing reaches the player', async () => {
    const opened: string[] = [];
    const t = objectFor(playbackOf(trackPlaying(), true), undefined, (uri) => (opened.push(uri), Promise.resolve(ok(null))));
    expect(await t.call('OpenUri', [TRACK_URI])).toMatchObject({ ok: false, errorName: 'org.mpris.MediaPlayer2.Error.NotSupported' });
    expect(opened).toEqual([]);
  });

  it('Raise and Quit reach the shell', async () => {
    const t = objectFor(playbackOf({ kind: 'idle' }));
    await t.iface(ROOT_INTERFACE).methods.Raise!.call([]);
    await t.iface(ROOT_INTERFACE).methods.Quit!.call([]);
    expect(t.raised).toEqual(['raise', 'quit']);
    expect(t.iface(ROOT_INTERFACE).read()).toMatchObject({ CanRaise: { value: true }, CanQuit: { value: true }, Identity: { value: 'Trayplay' } });
  });
});
