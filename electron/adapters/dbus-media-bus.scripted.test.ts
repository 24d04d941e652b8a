import { Variant, type Message } from '@jellybrick/dbus-next';
import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';
import { ManualClock, settle } from '../testing/manual-clock';

import { createDbusMediaBus, type DbusMediaBusOptions } from './dbus-media-bus';
import { asMessageBus, ScriptedMessageBus, type ScriptedAnswer } from './testing/scripted-message-bus';

// The adapter against a scripted bus: message orderings a real daemon produces only by chance, every time.

const SPOTIFY = 'org.mpris.MediaPlayer2.spotify';
const TARGET = { name: SPOTIFY, path: '/org/mpris/MediaPlayer2', interface: 'org.mpris.MediaPlayer2.Player' };
const PLAYING = { PlaybackStatus: new Variant('s', 'Playing') };

function setup(answer: (bus: ScriptedMessageBus, message: Message) => ScriptedAnswer, options: Partial<DbusMediaBusOptions> = {}) {
  const clock = new ManualClock(1_000_000);
  const logs = memorySink();
  const opened: ScriptedMessageBus[] = [];
  const media = createDbusMediaBus({
    clock,
    logger: new RootLogger({ sink: logs.sink, minLevel: 'debug' }).scope('bus'),
    address: 'unix:path=/scripted',
    openBus: () => {
      const bus: ScriptedMessageBus = new ScriptedMessageBus((message) => answer(bus, message));
      opened.push(bus);
      return asMessageBus(bus);
    },
    ...options,
  });
  const events: string[] = [];
  const watch = () =>
    media.watch(TARGET, {
      appeared: (props) => events.push(props ? `appeared ${JSON.stringify(props)}` : 'appeared null'),
      vanished: () => events.push('vanished'),
      propertiesChanged: () => events.push('changed'),
    });
  return { clock, logs, media, opened, events, watch };
}

describe('the D-Bus media bus, message by message', () => {
  it('a player leaving in the same chunk as the GetNameOwner reply is believed gone', async () => {
    const t = setup((bus, message) => {
      if (message.member === 'GetNameOwner') {
        // The bus answered while the owner was there, and the owner left right after: one chunk, both.
        return { body: [':1.7'], signature: 's', andThen: () => bus.nameOwnerChanged(SPOTIFY, ':1.7', '') };
      }
      if (message.member === 'GetAll') return { error: 'org.freedesktop.DBus.Error.ServiceUnknown' };
      return { body: [], signature: '' };
    });
    t.opened[0]!.open();
    await settle();
    expect(t.media.connection().kind).toBe('connected');
    t.watch();
    await settle();
    expect(t.events).toEqual([]);
    // And it is not asked about any more: no GetAll to a name that left.
    expect(t.opened[0]!.callsTo('GetAll')).toHaveLength(0);
    await t.media.dispose();
  });

  it('a player arriving under a new owner in the same chunk wins over the stale reply', async () => {
    const t = setup((bus, message) => {
      if (message.member === 'GetNameOwner') {
        return { body: [':1.7'], signature: 's', andThen: () => bus.nameOwnerChanged(SPOTIFY, ':1.7', ':1.9') };
      }
      if (message.member === 'GetAll') return message.destination === SPOTIFY ? { body: [PLAYING], signature: 'a{sv}' } : { error: 'x' };
      return { body: [], signature: '' };
    });
    t.opened[0]!.open();
    await settle();
    t.watch();
    await settle();
    expect(t.events).toEqual(['appeared {"PlaybackStatus":"Playing"}']);
    await t.media.dispose();
  });

  it('a player already there is still found by the query', async () => {
    const t = setup((_bus, message) => {
      if (message.member === 'GetNameOwner') return { body: [':1.7'], signature: 's' };
      if (message.member === 'GetAll') return { body: [PLAYING], signature: 'a{sv}' };
      return { body: [], signature: '' };
    });
    t.opened[0]!.open();
    await settle();
    t.watch();
    await settle();
    expect(t.events).toEqual(['appeared {"PlaybackStatus":"Playing"}']);
    await t.media.dispose();
  });

  it('dispose while connecting leaves no timer behind', async () => {
    const t = setup(() => ({ body: [], signature: '' }), { connectTimeoutMs: 5_000 });
    expect(t.media.connection().kind).toBe('connecting');
    expect(t.clock.pending).toBeGreaterThan(0);
    await t.media.dispose();
    expect(t.clock.pending).toBe(0);
    expect(t.opened[0]!.disconnected).toBe(true);
  });

  describe('an abstract-socket address', () => {
    const ABSTRACT = 'unix:abstract=/tmp/dbus-Xq3vT9,guid=0123456789abcdef0123456789abcdef';
    it('that cannot be reached is unavailable once, with one log line, and is not retried', async () => {
      const t = setup(() => ({ body: [], signature: '' }), { address: ABSTRACT });
      t.opened[0]!.emit('error', Object.assign(new Error('connect ECONNREFUSED \u0000/tmp/dbus-Xq3vT9'), { code: 'ECONNREFUSED' }));
      await t.clock.advance(10 * 60_000);
      expect(t.opened).toHaveLength(1);
      const connection = t.media.connection();
      expect(connection.kind).toBe('unavailable');
      expect(connection.kind === 'unavailable' && connection.reason).toMatch(/abstract/i);
      expect(t.logs.lines).toHaveLength(1);
      expect(t.clock.pending).toBe(0);
      expect(await t.media.publish('org.mpris.MediaPlayer2.x', { path: '/x', interfaces: [] })).toMatchObject({ ok: false });
      await t.media.dispose();
    });

    it('that is missing (ENOENT) is unavailable at once too', async () => {
      const t = setup(() => ({ body: [], signature: '' }), { address: ABSTRACT });
      t.opened[0]!.emit('error', Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }));
      await t.clock.advance(10 * 60_000);
      expect(t.opened).toHaveLength(1);
      expect(t.media.connection().kind).toBe('unavailable');
      await t.media.dispose();
    });

    it('that times out connecting (a busy desktop) is retried with backoff, and only then given up', async () => {
      const t = setup(() => ({ body: [], signature: '' }), { address: ABSTRACT, connectTimeoutMs: 5_000, retryFirstMs: 1_000, retryMaxMs: 30_000 });
      await t.clock.advance(5_000);
      expect(t.media.connection().kind).toBe('disconnected');
      await t.clock.advance(1_000);
      expect(t.opened).toHaveLength(2);
      // The second try connects: the bus is in use like any other.
      t.opened[1]!.open();
      await settle();
      expect(t.media.connection().kind).toBe('connected');
      await t.media.dispose();
    });

    it('that keeps timing out is given up after a few tries, with one more log line', async () => {
      const t = setup(() => ({ body: [], signature: '' }), { address: ABSTRACT, connectTimeoutMs: 5_000, retryFirstMs: 1_000, retryMaxMs: 30_000 });
      await t.clock.advance(10 * 60_000);
      expect(t.opened.length).toBeGreaterThan(1);
      expect(t.opened.length).toBeLessThanOrEqual(4);
      const connection = t.media.connection();
      expect(connection.kind).toBe('unavailable');
      expect(connection.kind === 'unavailable' && connection.reason).toMatch(/abstract/i);
      expect(t.clock.pending).toBe(0);
      expect(t.logs.lines.length).toBeLessThanOrEqual(2);
      await t.media.dispose();
    });

    it('that worked and then dropped is reconnected like any other (the bus restarted)', async () => {
      const t = setup(() => ({ body: [], signature: '' }), { address: ABSTRACT, retryFirstMs: 1_000 });
      t.opened[0]!.open();
      await settle();
      expect(t.media.connection().kind).toBe('connected');
      t.opened[0]!.emit('error', new Error('read ECONNRESET'));
      await t.clock.advance(1_000);
      expect(t.opened).toHaveLength(2);
      await t.media.dispose();
    });

    it('a filesystem socket that is refused keeps being retried (the bus may be starting)', async () => {
      const t = setup(() => ({ body: [], signature: '' }), { retryFirstMs: 1_000, retryMaxMs: 1_000 });
      t.opened[0]!.emit('error', new Error('connect ECONNREFUSED /run/user/1000/bus'));
      await t.clock.advance(1_000);
      expect(t.opened).toHaveLength(2);
      expect(t.media.connection().kind).not.toBe('unavailable');
      await t.media.dispose();
    });
  });
});
