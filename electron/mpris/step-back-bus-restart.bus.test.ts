import { Message, sessionBus } from '@jellybrick/dbus-next';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createSimulator } from '../../simulator/index';
import { createDbusMediaBus } from '../adapters/dbus-media-bus';
import { MemoryStore } from '../adapters/memory-store';
import { DesktopStatusHub } from '../core/desktop-status';
import { memorySink, RootLogger } from '../logging/logger';
import { PlaybackService } from '../player/playback-service';
import { authorizedFetch, signIn, SimTokenSource } from '../player/testing/sim-session';
import { systemClock } from '../ports/clock';
import type { BusInterface, MediaBus } from '../ports/media-bus';
import { PreferencesStore } from '../settings/preferences-store';
import { WebApiClient } from '../spotify/web-api-client';
import { hasDbusDaemon, startPrivateBus, type PrivateBus } from '../testing/private-bus';

import { startMediaSession, type MediaSession } from './media-session-service';
import { MPRIS_PATH, PLAYER_INTERFACE, SPOTIFY_BUS_NAME } from './mpris-names';

// Stepped back for the local Spotify app, the session bus restarts: when Trayplay is back on the bus and the
// app already is too, Trayplay must stay stepped back — not take its name for a moment (which the desktop
// would show as a second player popping up and media keys going astray).

const available = await hasDbusDaemon();
const WAIT = { timeout: 8_000, interval: 25 };

const fakeSpotify = (uri: string): BusInterface => ({
  name: PLAYER_INTERFACE,
  properties: { PlaybackStatus: { signature: 's', access: 'read' }, Metadata: { signature: 'a{sv}', access: 'read' } },
  read: () => ({
    PlaybackStatus: { signature: 's', value: 'Playing' },
    Metadata: { signature: 'a{sv}', value: { 'mpris:trackid': { signature: 'o', value: `/com/spotify/track/${uri.split(':')[2]}` } } },
  }),
  methods: {},
});

describe.skipIf(!available)('stepped back when the session bus restarts', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('Trayplay stays off the bus when the Spotify app is back before it', async () => {
    const bus: PrivateBus = await startPrivateBus();
    cleanup.push(() => bus.stop());
    const logs = memorySink();
    const logger = new RootLogger({ sink: logs.sink });
    const sim = createSimulator({ now: () => Date.now(), seed: 11 });
    const tokens = new SimTokenSource(sim, await signIn(sim));
    const api = new WebApiClient({ apiBaseUrl: `${sim.baseUrl}/v1`, fetch: authorizedFetch((u, i) => sim.fetch(u, i), tokens), clock: systemClock, timeoutMs: 5_000 });
    const service = new PlaybackService({ api, tokens, clock: systemClock, visibility: 'tray' });
    service.start();
    cleanup.push(() => service.stop());
    await vi.waitFor(() => expect(service.getState().nowPlaying.kind).toBe('item'), WAIT);

    // Trayplay reconnects late (8 s: under load the restart and the observer take seconds), the fake Spotify app
    // early (50 ms): the app is back first.
    const trayBus: MediaBus = createDbusMediaBus({ clock: systemClock, logger: logger.scope('bus'), address: bus.address, retryFirstMs: 8_000 });
    const desktop = new DesktopStatusHub('electron', logger.scope('desktop'));
    const session: MediaSession = startMediaSession({
      bus: trayBus,
      playback: service,
      preferences: new PreferencesStore(new MemoryStore(), logger.scope('prefs')),
      desktop,
      clock: systemClock,
      logger: logger.scope('mpris'),
      raise: null,
      quit: null,
      lookNow: () => service.wake('local-hint'),
      hostname: sim.control.state().devices.find((d) => d.type === 'Computer')?.name ?? null,
      pid: 1,
    });
    cleanup.push(async () => (await session.dispose(), await trayBus.dispose()));
    const app = createDbusMediaBus({ clock: systemClock, logger: logger.scope('app'), address: bus.address, retryFirstMs: 50, retryMaxMs: 100 });
    cleanup.push(() => app.dispose());
    await vi.waitFor(() => expect(desktop.get().mediaSession.kind).toBe('published'), WAIT);
    await vi.waitFor(() => expect(app.connection().kind).toBe('connected'), WAIT);
    expect(await app.publish(SPOTIFY_BUS_NAME, { path: MPRIS_PATH, interfaces: [fakeSpotify(sim.control.state().itemUri ?? '')] })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(desktop.get().mediaSession.kind).toBe('steppedBack'), WAIT);

    await bus.kill();
    await vi.waitFor(() => expect(trayBus.connection().kind).toBe('disconnected'), WAIT);
    await bus.restart();
    // Watch every owner change from here on.
    const observer = sessionBus({ busAddress: bus.address });
    (observer as unknown as { on(event: string, f: () => void): void }).on('error', () => undefined);
    cleanup.push(() => observer.disconnect());
    await new Promise<void>((resolve) => observer.once('connect', () => resolve()));
    const owners: string[] = [];
    observer.on('message', (m: Message) => {
      if (m.member === 'NameOwnerChanged' && String(m.body?.[2]) !== '') owners.push(String(m.body?.[0]));
    });
    await observer.call(new Message({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'AddMatch', signature: 's', body: ["type='signal',member='NameOwnerChanged'"] }));
    await vi.waitFor(() => expect(app.publishedName(SPOTIFY_BUS_NAME)).toBe(SPOTIFY_BUS_NAME), WAIT);
    // The precondition this test is about: the app was back before Trayplay reconnected.
    expect(trayBus.connection().kind).not.toBe('connected');

    await vi.waitFor(() => expect(trayBus.connection().kind).toBe('connected'), { ...WAIT, timeout: 20_000 });
    await session.settled();
    expect(desktop.get().mediaSession.kind).toBe('steppedBack');
    // A round trip after Trayplay settled: any owner change it caused has reached the observer by now.
    await observer.call(new Message({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'ListNames' }));
    expect(owners.filter((name) => name.includes('trayplay'))).toEqual([]);
  }, 40_000);
});
