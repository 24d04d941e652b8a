import type { EventEmitter } from 'node:events';

import { Message, sessionBus } from '@jellybrick/dbus-next';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';
import { systemClock } from '../ports/clock';
import type { BusInterface, BusValue, MediaBus } from '../ports/media-bus';
import { hasDbusDaemon, hasPlayerctl, playerctl, startPrivateBus, type PrivateBus } from '../testing/private-bus';

import { createDbusMediaBus, sessionBusAddress } from './dbus-media-bus';

// The adapter against a real private session bus (its own dbus-daemon), read by playerctl and by a second
// connection. Waits are on real bus replies, each bounded.

const available = (await hasDbusDaemon()) && (await hasPlayerctl());
const PATH = '/org/mpris/MediaPlayer2';
const PLAYER = 'org.mpris.MediaPlayer2.Player';

function testPlayer(calls: string[], state: { status: string; volume: number }): BusInterface[] {
  const root: BusInterface = {
    name: 'org.mpris.MediaPlayer2',
    properties: { Identity: { signature: 's', access: 'read' }, CanQuit: { signature: 'b', access: 'read' } },
    read: () => ({ Identity: { signature: 's', value: 'Test Player' }, CanQuit: { signature: 'b', value: false } }),
    methods: {},
  };
  const player: BusInterface = {
    name: PLAYER,
    properties: {
      PlaybackStatus: { signature: 's', access: 'read' },
      Metadata: { signature: 'a{sv}', access: 'read' },
      Position: { signature: 'x', access: 'read' },
      Volume: { signature: 'd', access: 'readwrite' },
      CanControl: { signature: 'b', access: 'read' },
      CanPlay: { signature: 'b', access: 'read' },
      CanPause: { signature: 'b', access: 'read' },
      CanSeek: { signature: 'b', access: 'read' },
      CanGoNext: { signature: 'b', access: 'read' },
    },
    read: (): Record<string, BusValue> => ({
      PlaybackStatus: { signature: 's', value: state.status },
      Metadata: {
        signature: 'a{sv}',
        value: {
          'mpris:trackid': { signature: 'o', value: '/app/trayplay/track/abc' },
          'mpris:length': { signature: 'x', value: 215_000_000 },
          'xesam:title': { signature: 's', value: 'Night Drive' },
          'xesam:artist': { signature: 'as', value: ['Ada', 'Bo'] },
        },
      },
      Position: { signature: 'x', value: 12_345_678.9 },
      Volume: { signature: 'd', value: state.volume },
      CanControl: { signature: 'b', value: true },
      CanPlay: { signature: 'b', value: true },
      CanPause: { signature: 'b', value: true },
      CanSeek: { signature: 'b', value: true },
      CanGoNext: { signature: 'b', value: true },
    }),
    write: (property, value) => {
      calls.push(`set ${property}=${String(value)}`);
      if (property === 'Volume' && typeof value === 'number') state.volume = value;
      return { ok: true, body: [] };
    },
    methods: {
      PlayPause: { inSignature: '', call: () => (calls.push('PlayPause'), { ok: true, body: [] }) },
      Seek: { inSignature: 'x', call: ([offset]) => (calls.push(`Seek ${typeof offset} ${String(offset)}`), { ok: true, body: [] }) },
      Next: { inSignature: '', call: () => Promise.reject(new Error('engine refused')) },
    },
    signals: { Seeked: 'x' },
  };
  return [root, player];
}

describe.skipIf(!available)('the D-Bus media bus on a real private session bus', () => {
  let bus: PrivateBus;
  const open: MediaBus[] = [];
  const logs = memorySink();
  const logger = new RootLogger({ sink: logs.sink, minLevel: 'debug' });
  const media = (options: Partial<Parameters<typeof createDbusMediaBus>[0]> = {}): MediaBus => {
    const created = createDbusMediaBus({ clock: systemClock, logger: logger.scope('bus'), address: bus.address, retryFirstMs: 50, retryMaxMs: 200, callTimeoutMs: 1_000, ...options });
    open.push(created);
    return created;
  };
  const connected = (m: MediaBus) => vi.waitFor(() => expect(m.connection().kind).toBe('connected'), { timeout: 5_000 });

  beforeAll(async () => {
    bus = await startPrivateBus();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((m) => m.dispose()));
  });
  afterAll(async () => {
    await bus?.stop();
  });

  it('serves an object that playerctl reads and drives (properties, int64, methods, writes, errors)', async () => {
    const calls: string[] = [];
    const state = { status: 'Playing', volume: 0.5 };
    const m = media();
    await connected(m);
    const outcome = await m.publish('org.mpris.MediaPlayer2.testplayer', { path: PATH, interfaces: testPlayer(calls, state) });
    expect(outcome).toEqual({ ok: true, name: 'org.mpris.MediaPlayer2.testplayer' });

    expect(await playerctl(bus, ['-l'])).toContain('testplayer');
    expect(await playerctl(bus, ['-p', 'testplayer', 'status'])).toBe('Playing');
    expect(await playerctl(bus, ['-p', 'testplayer', 'metadata', '--format', '{{title}}|{{artist}}|{{mpris:length}}'])).toBe('Night Drive|Ada, Bo|215000000');
    // A fractional position is rounded before it becomes an int64 (BigInt of a fraction would throw).
    expect(await playerctl(bus, ['-p', 'testplayer', 'position'])).toMatch(/^12\.34\d+$/);
    await playerctl(bus, ['-p', 'testplayer', 'play-pause']);
    await playerctl(bus, ['-p', 'testplayer', 'position', '5+']);
    await playerctl(bus, ['-p', 'testplayer', 'volume', '0.25']);
    expect(calls).toEqual(['PlayPause', 'Seek number 5000000', 'set Volume=0.25']);
    // A handler that rejects becomes a D-Bus error for the caller, not an unhandled rejection here.
    await expect(playerctl(bus, ['-p', 'testplayer', 'next'])).rejects.toThrow();
  });

  it('takes the fallback name when another program owns the name', async () => {
    const first = media();
    const second = media();
    await Promise.all([connected(first), connected(second)]);
    const objects = { path: PATH, interfaces: testPlayer([], { status: 'Paused', volume: 1 }) };
    expect(await first.publish('org.mpris.MediaPlayer2.dup', objects)).toMatchObject({ ok: true });
    expect(await second.publish('org.mpris.MediaPlayer2.dup', objects, 'org.mpris.MediaPlayer2.dup.instance42')).toEqual({
      ok: true,
      name: 'org.mpris.MediaPlayer2.dup.instance42',
    });
    expect(second.publishedName('org.mpris.MediaPlayer2.dup')).toBe('org.mpris.MediaPlayer2.dup.instance42');
    const third = media();
    await connected(third);
    expect(await third.publish('org.mpris.MediaPlayer2.dup', objects)).toMatchObject({ ok: false });
  });

  it('follows a remote player: appears (64-bit values as numbers), changes, vanishes, appears again', async () => {
    const watcher = media();
    await connected(watcher);
    const events: unknown[] = [];
    watcher.watch(
      { name: 'org.mpris.MediaPlayer2.remote', path: PATH, interface: PLAYER },
      {
        appeared: (props) => events.push({ appeared: props?.Metadata }),
        vanished: () => events.push('vanished'),
        propertiesChanged: (changed) => events.push({ changed }),
      },
    );
    const remote = media();
    await connected(remote);
    const state = { status: 'Playing', volume: 1 };
    const remoteObject = { path: PATH, interfaces: testPlayer([], state) };
    await remote.publish('org.mpris.MediaPlayer2.remote', remoteObject);
    await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 3_000 });
    expect(events[0]).toEqual({
      appeared: { 'mpris:trackid': '/app/trayplay/track/abc', 'mpris:length': 215_000_000, 'xesam:title': 'Night Drive', 'xesam:artist': ['Ada', 'Bo'] },
    });
    expect(JSON.stringify(events)).not.toContain('n"'); // no BigInt survived (JSON.stringify would have thrown)

    remote.propertiesChanged(PATH, PLAYER, { PlaybackStatus: { signature: 's', value: 'Paused' }, Rate: { signature: 't', value: 7 } });
    // Another interface's change on the same path is not ours to report.
    remote.propertiesChanged(PATH, 'org.mpris.MediaPlayer2', { Identity: { signature: 's', value: 'x' } });
    await vi.waitFor(() => expect(events).toHaveLength(2), { timeout: 3_000 });
    expect(events[1]).toEqual({ changed: { PlaybackStatus: 'Paused', Rate: 7 } });

    await remote.unpublish('org.mpris.MediaPlayer2.remote');
    await vi.waitFor(() => expect(events).toHaveLength(3), { timeout: 3_000 });
    expect(events[2]).toBe('vanished');
    await remote.publish('org.mpris.MediaPlayer2.remote', remoteObject);
    await vi.waitFor(() => expect(events).toHaveLength(4), { timeout: 3_000 });
    expect((events[3] as { appeared: unknown }).appeared).toBeTruthy();
  });

  it('a player that never answers costs a timeout, not a hang', async () => {
    // A raw connection that owns the name and swallows every call.
    const raw = sessionBus({ busAddress: bus.address });
    (raw as unknown as EventEmitter).on('error', () => undefined);
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    raw.addMethodHandler(() => true);
    await raw.call(
      new Message({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'RequestName', signature: 'su', body: ['org.mpris.MediaPlayer2.mute', 4] }),
    );
    try {
      const watcher = media({ callTimeoutMs: 300 });
      await connected(watcher);
      const appeared: unknown[] = [];
      watcher.watch({ name: 'org.mpris.MediaPlayer2.mute', path: PATH, interface: PLAYER }, { appeared: (p) => appeared.push(p), vanished: () => undefined, propertiesChanged: () => undefined });
      await vi.waitFor(() => expect(appeared).toEqual([null]), { timeout: 3_000 });
    } finally {
      raw.disconnect();
    }
  });

  it('reconnects when the bus restarts: the name is owned again and watches come back', async () => {
    const m = media();
    const remote = media();
    await Promise.all([connected(m), connected(remote)]);
    await m.publish('org.mpris.MediaPlayer2.survivor', { path: PATH, interfaces: testPlayer([], { status: 'Playing', volume: 1 }) });
    // A watched player on another connection: it too comes back by itself after the restart.
    await remote.publish('org.mpris.MediaPlayer2.comeback', { path: PATH, interfaces: testPlayer([], { status: 'Paused', volume: 1 }) });
    const watched: string[] = [];
    m.watch(
      { name: 'org.mpris.MediaPlayer2.comeback', path: PATH, interface: PLAYER },
      { appeared: () => watched.push('appeared'), vanished: () => watched.push('vanished'), propertiesChanged: () => watched.push('changed') },
    );
    await vi.waitFor(() => expect(watched).toEqual(['appeared']), { timeout: 3_000 });
    const seen: string[] = [];
    m.onConnection((c) => seen.push(c.kind));

    await bus.kill();
    await vi.waitFor(() => expect(m.connection().kind).toBe('disconnected'), { timeout: 3_000 });
    expect(m.publishedName('org.mpris.MediaPlayer2.survivor')).toBeNull();
    await bus.restart();
    await connected(m);
    expect(m.publishedName('org.mpris.MediaPlayer2.survivor')).toBe('org.mpris.MediaPlayer2.survivor');
    expect(await playerctl(bus, ['-p', 'survivor', 'status'])).toBe('Playing');
    // The watch is followed again: the player is seen again, and its signals reach us on the new connection.
    await vi.waitFor(() => expect(watched.slice(0, 3)).toEqual(['appeared', 'vanished', 'appeared']), { timeout: 5_000 });
    remote.propertiesChanged(PATH, PLAYER, { PlaybackStatus: { signature: 's', value: 'Playing' } });
    await vi.waitFor(() => expect(watched.at(-1)).toBe('changed'), { timeout: 3_000 });
    expect(seen[0]).toBe('disconnected');
    expect(seen.at(-1)).toBe('connected');
    expect(logs.lines.filter((l) => l.includes('session bus lost')).length).toBeGreaterThanOrEqual(1);
  });
});

describe('without a session bus', () => {
  it('is unavailable with one log line, and publishing says why', async () => {
    const logs = memorySink();
    const m = createDbusMediaBus({ clock: systemClock, logger: new RootLogger({ sink: logs.sink }).scope('bus'), address: null });
    const connection = m.connection();
    expect(connection.kind).toBe('unavailable');
    expect(connection.kind === 'unavailable' && connection.reason).toContain('DBUS_SESSION_BUS_ADDRESS');
    expect(await m.publish('org.mpris.MediaPlayer2.x', { path: PATH, interfaces: [] })).toMatchObject({ ok: false });
    expect(logs.lines).toHaveLength(1);
    await m.dispose();
  });

  it('finds the address in the environment, then in XDG_RUNTIME_DIR, else none', () => {
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' })).toBe('unix:path=/x');
    expect(sessionBusAddress({ XDG_RUNTIME_DIR: '/nonexistent-runtime-dir' })).toBeNull();
    expect(sessionBusAddress({})).toBeNull();
  });
});
