import type { EventEmitter } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { Message, sessionBus } from '@jellybrick/dbus-next';

import { ok } from '../shared/result';
import { initialDesktopStatus, type DesktopStatus } from '../shared/state/desktop';
import { DEFAULT_PREFERENCES } from '../shared/state/preferences';
import { createDbusMediaBus } from '../electron/adapters/dbus-media-bus';
import { RootLogger } from '../electron/logging/logger';
import { startMediaSession } from '../electron/mpris/media-session-service';
import { MPRIS_PATH, PLAYER_INTERFACE, SPOTIFY_BUS_NAME, TRAYPLAY_BUS_NAME } from '../electron/mpris/mpris-names';
import { playbackOf, trackPlaying } from '../electron/mpris/testing/states';
import { systemClock } from '../electron/ports/clock';
import type { BusInterface } from '../electron/ports/media-bus';
import { hasDbusDaemon, startPrivateBus } from '../electron/testing/private-bus';

import { isEntry, percentile, round, writeResults } from './playback-common';

// The media bus on a real private dbus-daemon: how long a property change in another player (the local
// Spotify client) takes to reach Trayplay's view of it, how long a client's read of our Position takes, and
// what the open connection costs while idle (memory, CPU per minute).
//
// Idle cost, how: process.cpuUsage() over a window of `idleSeconds` (default a full minute) with nothing
// happening, once before any connection (what Node itself costs here) and once connected, published and
// watching for Spotify — started only after the connection is up and has settled, so the connect/publish/
// watch work is counted apart (setupCpuMs). Memory: heap and RSS after a forced GC, before connecting and
// at the end of the connected idle window.

const SAMPLES = 50;
const SETTLE_MS = 2_000;

/** A full GC, so heap figures are what is retained rather than what happens not to be collected yet. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export async function run(options: { readonly idleSeconds?: number; readonly record?: boolean } = {}): Promise<Record<string, unknown>> {
  if (!(await hasDbusDaemon())) return { bench: 'mpris-bus', skipped: 'dbus-daemon is not installed' };
  const bus = await startPrivateBus();
  const logger = new RootLogger({ sink: () => undefined });
  try {
    const idleSeconds = options.idleSeconds ?? 60;
    // The same idle window without any bus connection: what Node itself costs here.
    const cpuBaseStart = process.cpuUsage();
    await new Promise<void>((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const baseCpu = process.cpuUsage(cpuBaseStart);
    collectGarbage();
    const before = process.memoryUsage();
    const cpuBefore = process.cpuUsage();
    const trayplayBus = createDbusMediaBus({ clock: systemClock, logger: logger.scope('bus'), address: bus.address });
    let desktop: DesktopStatus = initialDesktopStatus('electron');
    const state = playbackOf(trackPlaying({ observedAt: Date.now() }));
    const r = () => Promise.resolve(ok(null));
    const session = startMediaSession({
      bus: trayplayBus,
      playback: { getState: () => state, onChange: () => () => undefined, togglePlay: r, next: r, previous: r, seek: r, setVolume: r, setShuffle: r, cycleRepeat: r },
      preferences: { values: () => ({ ...DEFAULT_PREFERENCES, mediaSession: { publish: true, followLocalClient: true } }), onChange: () => () => undefined },
      desktop: { get: () => desktop, patch: (patch) => void (desktop = { ...desktop, ...patch }) },
      clock: systemClock,
      logger: logger.scope('mpris'),
      raise: null,
      quit: null,
      lookNow: () => undefined,
      hostname: null,
      pid: process.pid,
    });
    await waitFor(() => trayplayBus.publishedName(TRAYPLAY_BUS_NAME) !== null && trayplayBus.connection().kind === 'connected');
    await new Promise<void>((resolve) => setTimeout(resolve, SETTLE_MS));
    const setupCpu = process.cpuUsage(cpuBefore);

    // Idle: connected, published, watching for Spotify; nothing happens.
    const cpuIdleStart = process.cpuUsage();
    await new Promise<void>((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const idleCpu = process.cpuUsage(cpuIdleStart);
    collectGarbage();
    const after = process.memoryUsage();

    // A fake Spotify client on its own connection.
    const status = { value: 'Playing' };
    const spotify: BusInterface = {
      name: PLAYER_INTERFACE,
      properties: { PlaybackStatus: { signature: 's', access: 'read' } },
      read: () => ({ PlaybackStatus: { signature: 's', value: status.value } }),
      methods: {},
    };
    const clientBus = createDbusMediaBus({ clock: systemClock, logger: logger.scope('spotify'), address: bus.address });
    await waitFor(() => clientBus.connection().kind === 'connected');
    await clientBus.publish(SPOTIFY_BUS_NAME, { path: MPRIS_PATH, interfaces: [spotify] });
    await waitFor(() => session.local().present);

    const changeMs: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      status.value = status.value === 'Playing' ? 'Paused' : 'Playing';
      const want = status.value;
      const seen = new Promise<void>((resolve) => {
        const off = session.onLocalChange((view) => {
          if (view.status === want) {
            off();
            resolve();
          }
        });
      });
      const t0 = performance.now();
      clientBus.propertiesChanged(MPRIS_PATH, PLAYER_INTERFACE, { PlaybackStatus: { signature: 's', value: want } });
      await seen;
      changeMs.push(performance.now() - t0);
    }

    // A desktop widget reading our Position (computed on read) over the bus.
    const reader = sessionBus({ busAddress: bus.address });
    (reader as unknown as EventEmitter).on('error', () => undefined);
    await new Promise<void>((resolve) => reader.once('connect', () => resolve()));
    const readMs: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      const t0 = performance.now();
      await reader.call(
        new Message({ destination: TRAYPLAY_BUS_NAME, path: MPRIS_PATH, interface: 'org.freedesktop.DBus.Properties', member: 'Get', signature: 'ss', body: [PLAYER_INTERFACE, 'Position'] }),
      );
      readMs.push(performance.now() - t0);
    }
    reader.disconnect();
    await session.dispose();
    await clientBus.dispose();
    await trayplayBus.dispose();
    const totalCpu = process.cpuUsage(cpuBefore);

    const ms = (v: number | null) => round(v, 2);
    const line = {
      bench: 'mpris-bus',
      samples: SAMPLES,
      propertyChangeToTrayplayMsP50: ms(percentile(changeMs, 50)),
      propertyChangeToTrayplayMsP95: ms(percentile(changeMs, 95)),
      positionReadRoundTripMsP50: ms(percentile(readMs, 50)),
      positionReadRoundTripMsP95: ms(percentile(readMs, 95)),
      idleSeconds,
      idleCpuMsPerMinute: round(((idleCpu.user + idleCpu.system) / 1000) * (60 / idleSeconds), 1),
      baselineIdleCpuMsPerMinute: round(((baseCpu.user + baseCpu.system) / 1000) * (60 / idleSeconds), 1),
      setupCpuMs: round((setupCpu.user + setupCpu.system) / 1000, 0),
      // Retained by the connection and the session after a full GC (the library's code was loaded before).
      connectionRssDeltaMb: round((after.rss - before.rss) / 1_048_576, 2),
      connectionHeapDeltaMb: round((after.heapUsed - before.heapUsed) / 1_048_576, 2),
      totalCpuMs: round((totalCpu.user + totalCpu.system) / 1000, 0),
    };
    if (options.record !== false) writeResults('mpris-bus', [line]);
    return line;
  } finally {
    await bus.stop();
  }
}

async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out waiting for the bus');
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
  }
}

if (isEntry('mpris-bus.ts')) console.log(JSON.stringify(await run()));
