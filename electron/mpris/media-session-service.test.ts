import { describe, expect, it } from 'vitest';

import { ok, type Result } from '../../shared/result';
import type { PlaybackState } from '../../shared/state/now-playing';
import { MemoryStore } from '../adapters/memory-store';
import { DesktopStatusHub } from '../core/desktop-status';
import { memorySink, RootLogger } from '../logging/logger';
import { PreferencesStore } from '../settings/preferences-store';
import { ManualClock } from '../testing/manual-clock';

import { startMediaSession, type MediaSessionPlayback } from './media-session-service';
import { PLAYER_INTERFACE, ROOT_INTERFACE, SPOTIFY_BUS_NAME, TRAYPLAY_BUS_NAME } from './mpris-names';
import { FakeMediaBus } from './testing/fake-media-bus';
import { laptop, phone, playbackOf, trackPlaying, TRACK_URI, OTHER_URI } from './testing/states';

const spotify = (uri: string, status = 'Playing') => ({
  PlaybackStatus: status,
  Position: 0,
  Metadata: { 'mpris:trackid': `/com/spotify/track/${uri.split(':')[2]}`, 'mpris:length': 200_000_000, 'xesam:title': 'x' },
});

function setup(options: { bus?: FakeMediaBus; state?: PlaybackState; hostname?: string | null; openUri?: (uri: string) => Promise<Result<null>> } = {}) {
  const clock = new ManualClock(1_000_000);
  const bus = options.bus ?? new FakeMediaBus();
  const logs = memorySink();
  const logger = new RootLogger({ sink: logs.sink });
  let state = options.state ?? playbackOf(trackPlaying());
  const listeners = new Set<() => void>();
  const playback: MediaSessionPlayback = {
    getState: () => state,
    onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    togglePlay: () => Promise.resolve(ok(null)),
    next: () => Promise.resolve(ok(null)),
    previous: () => Promise.resolve(ok(null)),
    seek: () => Promise.resolve(ok(null)),
    setVolume: () => Promise.resolve(ok(null)),
    setShuffle: () => Promise.resolve(ok(null)),
    cycleRepeat: () => Promise.resolve(ok(null)),
  };
  const preferences = new PreferencesStore(new MemoryStore(), logger.scope('prefs'));
  const desktop = new DesktopStatusHub('electron', logger.scope('desktop'));
  const looks: number[] = [];
  const hints: boolean[] = [];
  const session = startMediaSession({
    bus,
    playback,
    preferences,
    desktop,
    clock,
    logger: logger.scope('mpris'),
    raise: null,
    quit: null,
    ...(options.openUri ? { openUri: options.openUri } : {}),
    lookNow: () => looks.push(clock.now()),
    setLocalHints: (trusted) => hints.push(trusted),
    // The fixture's computer device is named like this host.
    hostname: options.hostname === undefined ? laptop.name : options.hostname,
    pid: 4242,
  });
  const setState = (next: PlaybackState) => {
    state = next;
    listeners.forEach((l) => l());
  };
  return { clock, bus, session, preferences, desktop, looks, hints, setState, logs };
}

describe('the media session', () => {
  it('publishes at start and reports it in the desktop status', async () => {
    const t = setup();
    await t.session.settled();
    expect(t.bus.publishedName(TRAYPLAY_BUS_NAME)).toBe(TRAYPLAY_BUS_NAME);
    expect(t.desktop.get().mediaSession).toEqual({ kind: 'published', busName: TRAYPLAY_BUS_NAME });
    expect(t.desktop.get().capabilities.mediaSession).toEqual({ kind: 'available' });
    expect(t.bus.read(TRAYPLAY_BUS_NAME, PLAYER_INTERFACE)?.PlaybackStatus).toEqual({ signature: 's', value: 'Playing' });
  });

  it('another Trayplay holds the name: publishes under the instance name', async () => {
    const bus = new FakeMediaBus();
    bus.takenNames.add(TRAYPLAY_BUS_NAME);
    const t = setup({ bus });
    await t.session.settled();
    expect(t.desktop.get().mediaSession).toEqual({ kind: 'published', busName: `${TRAYPLAY_BUS_NAME}.instance4242` });
  });

  it('sends PropertiesChanged with only what changed, and Seeked after a jump', async () => {
    const t = setup();
    await t.session.settled();
    t.setState(playbackOf(trackPlaying({ isPlaying: false, disallows: ['pause'] })));
    expect(t.bus.signals).toEqual([
      {
        kind: 'propertiesChanged',
        iface: PLAYER_INTERFACE,
        changed: { PlaybackStatus: { signature: 's', value: 'Paused' } },
      },
    ]);
    t.setState(playbackOf(trackPlaying({ isPlaying: false, disallows: ['pause'], progressMs: 90_000, observedAt: 1_001_000 })));
    expect(t.bus.signals[1]).toEqual({ kind: 'signal', iface: PLAYER_INTERFACE, member: 'Seeked', args: [{ signature: 'x', value: 90_000_000 }] });
    expect(t.bus.signals).toHaveLength(2);
  });

  it('CanControl is constant and never signalled: going read-only turns the other Can* flags off instead', async () => {
    const t = setup();
    await t.session.settled();
    expect(t.bus.read(TRAYPLAY_BUS_NAME, PLAYER_INTERFACE)?.CanControl).toEqual({ signature: 'b', value: true });
    t.setState(playbackOf(trackPlaying(), true));
    t.setState(playbackOf({ kind: 'idle' }, true));
    t.setState(playbackOf(trackPlaying()));
    const signalled = t.bus.signals.flatMap((s) => (s.kind === 'propertiesChanged' ? Object.keys(s.changed) : []));
    expect(signalled).toContain('CanPlay');
    expect(signalled).not.toContain('CanControl');
    t.setState(playbackOf(trackPlaying(), true));
    expect(t.bus.read(TRAYPLAY_BUS_NAME, PLAYER_INTERFACE)).toMatchObject({ CanControl: { value: true }, CanPlay: { value: false }, CanGoNext: { value: false } });
  });

  it('turned off in the settings: leaves the bus; on again: comes back', async () => {
    const t = setup();
    await t.session.settled();
    t.preferences.update({ mediaSession: { publish: false } });
    await t.session.settled();
    expect(t.bus.publishedName(TRAYPLAY_BUS_NAME)).toBeNull();
    expect(t.desktop.get().mediaSession).toEqual({ kind: 'off' });
    t.preferences.update({ mediaSession: { publish: true } });
    await t.session.settled();
    expect(t.bus.publishedName(TRAYPLAY_BUS_NAME)).toBe(TRAYPLAY_BUS_NAME);
  });

  it('no session bus: unavailable with the reason, nothing published', async () => {
    const t = setup({ bus: new FakeMediaBus({ kind: 'unavailable', reason: 'No D-Bus session bus' }) });
    await t.session.settled();
    expect(t.desktop.get().mediaSession).toEqual({ kind: 'unavailable', reason: 'No D-Bus session bus' });
    expect(t.desktop.get().capabilities.mediaSession).toEqual({ kind: 'unavailable', reason: 'No D-Bus session bus' });
  });

  it('the bus drops and returns: waiting, then published again', async () => {
    const t = setup();
    await t.session.settled();
    t.bus.setConnection({ kind: 'disconnected', reason: 'gone', retryAt: 2 });
    await t.session.settled();
    expect(t.desktop.get().mediaSession).toEqual({ kind: 'unavailable', reason: 'Waiting for the session bus' });
    t.bus.setConnection({ kind: 'connected' });
    await t.session.settled();
    expect(t.desktop.get().mediaSession).toEqual({ kind: 'published', busName: TRAYPLAY_BUS_NAME });
  });

  it('steps back while the local Spotify app is the active device, and comes back when it leaves', async () => {
    const t = setup();
    await t.session.settled();
    t.bus.remoteAppears(SPOTIFY_BUS_NAME, spotify(TRACK_URI));
    await t.session.settled();
    expect(t.bus.publishedName(TRAYPLAY_BUS_NAME)).toBeNull();
    expect(t.desktop.get()).toMatchObject({ mediaSession: { kind: 'steppedBack' }, localClient: { present: true } });
    expect(t.hints.at(-1)).toBe(true);

    // Playback moves to the phone: Trayplay is the only player for it again.
    t.setState(playbackOf(trackPlaying({ device: phone })));
    await t.session.settled();
    expect(t.bus.publishedName(TRAYPLAY_BUS_NAME)).toBe(TRAYPLAY_BUS_NAME);
    expect(t.hints.at(-1)).toBe(false);

    t.setState(playbackOf(trackPlaying()));
    await t.session.settled();
    expect(t.bus.publishedName(TRAYPLAY_BUS_NAME)).toBeNull();
    t.bus.remoteVanishes(SPOTIFY_BUS_NAME);
    await t.session.settled();
    expect(t.desktop.get()).toMatchObject({ mediaSession: { kind: 'published' }, localClient: { present: false } });
  });

  it('does not step back when another computer plays the track the local client shows', async () => {
    const office = { ...laptop, id: 'dev-office', name: 'Office Desktop' };
    const t = setup({ state: playbackOf(trackPlaying({ device: office })) });
    await t.session.settled();
    // Connect mirrors the office's playback into the client here: same track, Playing.
    t.bus.remoteAppears(SPOTIFY_BUS_NAME, spotify(TRACK_URI));
    await t.session.settled();
    expect(t.bus.publishedName(TRAYPLAY_BUS_NAME)).toBe(TRAYPLAY_BUS_NAME);
    expect(t.desktop.get().mediaSession.kind).toBe('published');
    expect(t.hints).not.toContain(true);
    // Playback moves to this computer: now it steps back.
    t.setState(playbackOf(trackPlaying()));
    await t.session.settled();
    expect(t.desktop.get().mediaSession.kind).toBe('steppedBack');
  });

  it("the local client's track and play changes are reasons to look now; its repeats and Position are not", async () => {
    const t = setup();
    t.bus.remoteAppears(SPOTIFY_BUS_NAME, spotify(TRACK_URI));
    await t.session.settled();
    const afterAppear = t.looks.length;
    t.bus.remoteChanges(SPOTIFY_BUS_NAME, { Metadata: spotify(TRACK_URI).Metadata });
    t.bus.remoteChanges(SPOTIFY_BUS_NAME, { Position: 0 });
    expect(t.looks).toHaveLength(afterAppear);
    t.bus.remoteChanges(SPOTIFY_BUS_NAME, { Metadata: spotify(OTHER_URI).Metadata });
    t.bus.remoteChanges(SPOTIFY_BUS_NAME, { PlaybackStatus: 'Paused' });
    expect(t.looks).toHaveLength(afterAppear + 2);
    // After a skip on the client the Web API still shows the old track for a moment: still stepped back.
    await t.session.settled();
    expect(t.desktop.get().mediaSession.kind).toBe('steppedBack');
  });

  it('not following the local client: no watch, no step-back, no hints', async () => {
    const t = setup();
    t.preferences.update({ mediaSession: { followLocalClient: false } });
    await t.session.settled();
    expect(t.bus.watching).toBe(0);
    t.bus.remoteAppears(SPOTIFY_BUS_NAME, spotify(TRACK_URI));
    await t.session.settled();
    expect(t.bus.publishedName(TRAYPLAY_BUS_NAME)).toBe(TRAYPLAY_BUS_NAME);
    expect(t.looks).toEqual([]);
  });

  it('"Follow the Spotify app" switched off while stepped back takes effect at once: back on the bus, no hints; on again: steps back', async () => {
    const t = setup();
    await t.session.settled();
    t.bus.remoteAppears(SPOTIFY_BUS_NAME, spotify(TRACK_URI));
    await t.session.settled();
    expect(t.desktop.get().mediaSession.kind).toBe('steppedBack');
    const looksBefore = t.looks.length;

    t.preferences.update({ mediaSession: { followLocalClient: false } });
    await t.session.settled();
    expect(t.bus.publishedName(TRAYPLAY_BUS_NAME)).toBe(TRAYPLAY_BUS_NAME);
    expect(t.desktop.get()).toMatchObject({ mediaSession: { kind: 'published' }, localClient: { present: false } });
    expect(t.bus.watching).toBe(0);
    expect(t.hints.at(-1)).toBe(false);
    t.bus.remoteChanges(SPOTIFY_BUS_NAME, { PlaybackStatus: 'Paused' });
    expect(t.looks).toHaveLength(looksBefore);

    t.preferences.update({ mediaSession: { followLocalClient: true } });
    await t.session.settled();
    expect(t.bus.publishedName(TRAYPLAY_BUS_NAME)).toBeNull();
    expect(t.desktop.get()).toMatchObject({ mediaSession: { kind: 'steppedBack' }, localClient: { present: true } });
    expect(t.hints.at(-1)).toBe(true);
  });

  it('OpenUri on the published object reaches the openUri dependency', async () => {
    const opened: string[] = [];
    const t = setup({ openUri: (uri) => (opened.push(uri), Promise.resolve(ok(null))) });
    await t.session.settled();
    expect(t.bus.read(TRAYPLAY_BUS_NAME, ROOT_INTERFACE)?.SupportedUriSchemes).toEqual({ signature: 'as', value: ['spotify'] });
    expect(await t.bus.call(TRAYPLAY_BUS_NAME, PLAYER_INTERFACE, 'OpenUri', [TRACK_URI])).toEqual({ ok: true, body: [] });
    expect(opened).toEqual([TRACK_URI]);
  });

  it('dispose leaves the bus', async () => {
    const t = setup();
    await t.session.settled();
    await t.session.dispose();
    expect(t.bus.publishedName(TRAYPLAY_BUS_NAME)).toBeNull();
  });
});
