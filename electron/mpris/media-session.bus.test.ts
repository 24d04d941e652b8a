import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { ok } from '../../shared/result';
import { createSimulator, type Simulator } from '../../simulator/index';
import { createDbusMediaBus } from '../adapters/dbus-media-bus';
import { MemoryStore } from '../adapters/memory-store';
import { DesktopStatusHub } from '../core/desktop-status';
import { memorySink, RootLogger } from '../logging/logger';
import { PlaybackService } from '../player/playback-service';
import { authorizedFetch, signIn, SimTokenSource } from '../player/testing/sim-session';
import { systemClock } from '../ports/clock';
import type { BusInterface, BusValue, MediaBus } from '../ports/media-bus';
import { PreferencesStore } from '../settings/preferences-store';
import { WebApiClient } from '../spotify/web-api-client';
import { followPlayerctl, hasDbusDaemon, hasPlayerctl, playerctl, startPrivateBus, type PrivateBus } from '../testing/private-bus';

import { startPlatformMediaSession, type MediaSessionHandle } from './media-session';
import { MPRIS_PATH, PLAYER_INTERFACE, SPOTIFY_BUS_NAME } from './mpris-names';

// The whole path on a real private session bus: playerctl → D-Bus → Trayplay's MPRIS object → the playback
// engine → the simulator, and a fake Spotify desktop client (with its quirks) whose signals Trayplay follows.

const available = (await hasDbusDaemon()) && (await hasPlayerctl());
const WAIT = { timeout: 8_000, interval: 50 };

interface World {
  sim: Simulator;
  service: PlaybackService;
  handle: MediaSessionHandle;
  desktop: DesktopStatusHub;
  requests: () => number;
  /** What OpenUri asked the (fake) player to play: playUri lands with the player engineer's branch. */
  opened: string[];
}

/** A fake Spotify desktop client: what its MPRIS shows (Position stuck at 0, length as uint64, no Shuffle/Loop). */
function fakeSpotify(state: { uri: string; status: string }): BusInterface {
  const metadata = (): BusValue => ({
    signature: 'a{sv}',
    value: {
      'mpris:trackid': { signature: 'o', value: `/com/spotify/track/${state.uri.split(':')[2]}` },
      'mpris:length': { signature: 't', value: 200_000_000 },
      'xesam:title': { signature: 's', value: 'whatever the client shows' },
      'xesam:url': { signature: 's', value: `https://open.spotify.com/track/${state.uri.split(':')[2]}` },
    },
  });
  return {
    name: PLAYER_INTERFACE,
    properties: { PlaybackStatus: { signature: 's', access: 'read' }, Metadata: { signature: 'a{sv}', access: 'read' }, Position: { signature: 'x', access: 'read' } },
    read: () => ({ PlaybackStatus: { signature: 's', value: state.status }, Metadata: metadata(), Position: { signature: 'x', value: 0 } }),
    methods: {},
  };
}

describe.skipIf(!available)('MPRIS end to end on a private session bus', () => {
  let bus: PrivateBus;
  let world: World | null = null;
  const extra: MediaBus[] = [];
  const logs = memorySink();

  beforeAll(async () => {
    bus = await startPrivateBus();
  });
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((m) => m.dispose()));
    if (world) {
      await world.handle.dispose();
      world.service.stop();
      world = null;
    }
  });
  afterAll(async () => {
    await bus?.stop();
  });

  async function start(visibility: 'window' | 'tray' = 'tray'): Promise<World> {
    const logger = new RootLogger({ sink: logs.sink });
    const sim = createSimulator({ now: () => Date.now(), seed: 11 });
    const tokens = new SimTokenSource(sim, await signIn(sim));
    let requests = 0;
    const api = new WebApiClient({
      apiBaseUrl: `${sim.baseUrl}/v1`,
      fetch: authorizedFetch((url, init) => sim.fetch(url, init), tokens),
      clock: systemClock,
      timeoutMs: 5_000,
      onRequest: () => void (requests += 1),
    });
    const service = new PlaybackService({ api, tokens, clock: systemClock, visibility });
    const preferences = new PreferencesStore(new MemoryStore(), logger.scope('prefs'));
    const desktop = new DesktopStatusHub('electron', logger.scope('desktop'));
    service.start();
    await vi.waitFor(() => expect(service.getState().nowPlaying.kind).toBe('item'), WAIT);
    const opened: string[] = [];
    const handle = startPlatformMediaSession({
      clock: systemClock,
      logger,
      playback: service,
      preferences,
      desktop,
      raise: null,
      quit: null,
      openUri: (uri) => (opened.push(uri), Promise.resolve(ok(null))),
      address: bus.address,
      platform: 'linux',
      // The simulator's computer device stands for the Spotify app here.
      hostname: sim.control.state().devices.find((d) => d.type === 'Computer')?.name ?? null,
    });
    world = { sim, service, handle, desktop, requests: () => requests, opened };
    await vi.waitFor(() => expect(desktop.get().mediaSession.kind).toBe('published'), WAIT);
    return world;
  }

  it('playerctl -p trayplay sees the metadata and status, and its commands reach the simulator through the engine', async () => {
    const { sim, service } = await start();
    const world0 = sim.control.state();
    expect(await playerctl(bus, ['-p', 'trayplay', 'status'])).toBe('Playing');
    expect(await playerctl(bus, ['-p', 'trayplay', 'metadata', 'title'])).toBe(world0.itemName);
    expect(await playerctl(bus, ['-p', 'trayplay', 'metadata', 'xesam:url'])).toBe(`https://open.spotify.com/track/${world0.itemUri?.split(':')[2]}`);

    await playerctl(bus, ['-p', 'trayplay', 'play-pause']);
    await vi.waitFor(() => expect(sim.control.state().isPlaying).toBe(false), WAIT);
    await vi.waitFor(async () => expect(await playerctl(bus, ['-p', 'trayplay', 'status'])).toBe('Paused'), WAIT);
    await playerctl(bus, ['-p', 'trayplay', 'play']);
    await vi.waitFor(() => expect(sim.control.state().isPlaying).toBe(true), WAIT);

    await playerctl(bus, ['-p', 'trayplay', 'next']);
    await vi.waitFor(() => expect(sim.control.state().itemUri).not.toBe(world0.itemUri), WAIT);
    const second = sim.control.state().itemUri;
    await vi.waitFor(() => {
      const np = service.getState().nowPlaying;
      expect(np.kind === 'item' && np.item.uri).toBe(second);
    }, WAIT);
    await playerctl(bus, ['-p', 'trayplay', 'previous']);
    await vi.waitFor(() => expect(sim.control.state().itemUri).toBe(world0.itemUri), WAIT);

    await playerctl(bus, ['-p', 'trayplay', 'position', '42']);
    await vi.waitFor(() => expect(Math.abs(sim.control.state().progressMs - 42_000)).toBeLessThan(3_000), WAIT);
    await playerctl(bus, ['-p', 'trayplay', 'volume', '0.3']);
    await vi.waitFor(() => expect(sim.control.state().devices.find((d) => d.isActive)?.volumePercent).toBe(30), WAIT);
    expect(Number(await playerctl(bus, ['-p', 'trayplay', 'volume']))).toBeCloseTo(0.3, 2);
  });

  it('playerctl open hands a Spotify link to the player as a URI', async () => {
    const { opened } = await start();
    await playerctl(bus, ['-p', 'trayplay', 'open', 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=x']);
    expect(opened).toEqual(['spotify:track:4uLU6hMCjMI75M1A2tKUQC']);
  });

  it('metadata --follow is a feed: an external skip shows up in it', async () => {
    const { sim, service } = await start('window');
    const feed = followPlayerctl(bus, ['-p', 'trayplay', 'metadata', '--format', '{{status}} {{title}}']);
    try {
      await vi.waitFor(() => expect(feed.lines.length).toBeGreaterThan(0), WAIT);
      sim.control.externalAction({ type: 'next' });
      service.wake('window-shown');
      const title = sim.control.state().itemName ?? '';
      await vi.waitFor(() => expect(feed.lines.at(-1)).toBe(`Playing ${title}`), WAIT);
    } finally {
      feed.stop();
    }
  });

  it('follows a fake Spotify client: steps back while it is the active device, looks now on its changes, returns when it vanishes', async () => {
    const { sim, service, desktop, requests } = await start('tray');
    const spotifyState = { uri: sim.control.state().itemUri ?? '', status: 'Playing' };
    const client = createDbusMediaBus({ clock: systemClock, logger: new RootLogger({ sink: logs.sink }).scope('fake-spotify'), address: bus.address });
    extra.push(client);
    const spotifyObject = { path: MPRIS_PATH, interfaces: [fakeSpotify(spotifyState)] };
    await vi.waitFor(() => expect(client.connection().kind).toBe('connected'), WAIT);

    // Appears (Spotify started after Trayplay) playing the same track on this computer: Trayplay steps back.
    expect(await client.publish(SPOTIFY_BUS_NAME, spotifyObject)).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(desktop.get().mediaSession.kind).toBe('steppedBack'), WAIT);
    expect(desktop.get().localClient.present).toBe(true);
    expect((await playerctl(bus, ['-l'])).split('\n')).not.toContain('trayplay');

    // Changes track: with only the tray (30 s cadence) Trayplay still shows it at once, by one look.
    const before = requests();
    sim.control.externalAction({ type: 'next' });
    spotifyState.uri = sim.control.state().itemUri ?? '';
    // Quirk: the client repeats the Metadata signal and never updates Position.
    for (let i = 0; i < 3; i += 1) client.propertiesChanged(MPRIS_PATH, PLAYER_INTERFACE, { Metadata: spotifyObject.interfaces[0]!.read().Metadata!, Position: { signature: 'x', value: 0 } });
    await vi.waitFor(() => {
      const np = service.getState().nowPlaying;
      expect(np.kind === 'item' && np.item.uri).toBe(spotifyState.uri);
    }, { timeout: 3_000, interval: 20 });
    // Three signals, one look (the engine coalesces; the quirk filter drops the repeats).
    expect(requests() - before).toBeLessThanOrEqual(2);

    // Pauses in the client: shown at once too.
    sim.control.externalAction({ type: 'pause' });
    spotifyState.status = 'Paused';
    client.propertiesChanged(MPRIS_PATH, PLAYER_INTERFACE, { PlaybackStatus: { signature: 's', value: 'Paused' } });
    await vi.waitFor(() => {
      const np = service.getState().nowPlaying;
      expect(np.kind === 'item' && np.isPlaying).toBe(false);
    }, { timeout: 3_000, interval: 20 });

    // Vanishes (quit): Trayplay is back in the media controls.
    await client.unpublish(SPOTIFY_BUS_NAME);
    await vi.waitFor(() => expect(desktop.get().mediaSession.kind).toBe('published'), WAIT);
    expect(desktop.get().localClient.present).toBe(false);
    expect((await playerctl(bus, ['-l'])).split('\n')).toContain('trayplay');
  });
});
