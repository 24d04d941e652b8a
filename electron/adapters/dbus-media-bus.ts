import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventEmitter } from 'node:events';

import { Message, MessageFlag, MessageType, sessionBus, type MessageBus } from '@jellybrick/dbus-next';

import type { Logger } from '../logging/logger';
import type { Clock, TimerHandle } from '../ports/clock';
import type {
  BusConnection,
  BusObject,
  BusReply,
  BusValue,
  MediaBus,
  PublishOutcome,
  RemoteListener,
  RemoteTarget,
} from '../ports/media-bus';

import { fromWire, introspectionXml, toVariant, toWire } from './dbus-values';

// The media bus over @jellybrick/dbus-next (pure JS, no native addon). Only its low-level API is used — our
// own method handler serves Properties/Introspect/methods — because `Interface.configureMembers()` is broken
// in 0.11.3 and its decorators do not fit this TS config. Every call has a timeout (pending calls never
// settle after a connection error), every `error` event is handled (an unhandled one kills the main
// process), and a lost bus is reconnected with backoff, names and watches restored.

const DBUS = 'org.freedesktop.DBus';
const PROPERTIES = 'org.freedesktop.DBus.Properties';
const INTROSPECTABLE = 'org.freedesktop.DBus.Introspectable';
const NAME_FLAG_DO_NOT_QUEUE = 4;
const REPLY_PRIMARY_OWNER = 1;
const REPLY_ALREADY_OWNER = 4;

export interface DbusMediaBusOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** The bus address; default from the environment (see sessionBusAddress). */
  readonly address?: string | null;
  readonly callTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Reconnect backoff: first delay, doubling up to the max. */
  readonly retryFirstMs?: number;
  readonly retryMaxMs?: number;
  /** Opens a connection; default the library's sessionBus. Tests pass a scripted bus to order messages. */
  readonly openBus?: (address: string) => MessageBus;
}

/** The session bus address: DBUS_SESSION_BUS_ADDRESS, else systemd's $XDG_RUNTIME_DIR/bus, else none. */
export function sessionBusAddress(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.DBUS_SESSION_BUS_ADDRESS?.trim();
  if (fromEnv) return fromEnv;
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && existsSync(join(runtime, 'bus'))) return `unix:path=${join(runtime, 'bus')}`;
  return null;
}

/**
 * Whether the bus is reached through an abstract socket (`unix:abstract=…`, the first address the library
 * uses). Those live in a network namespace: from a sandbox (Flatpak, Snap) or a container without the host's
 * network one that cannot reach it the first time will never reach it, so retrying is pointless.
 */
export function isAbstractAddress(address: string): boolean {
  const first = address.split(';')[0] ?? '';
  return /^unix:(?:.*,)?abstract=/.test(first.trim());
}

interface Published {
  readonly requested: string;
  readonly fallback: string | undefined;
  readonly object: BusObject;
  owned: string | null;
  /** Answering calls: set before the name is requested, since callers may come as soon as the bus says it is ours. */
  serving: boolean;
}

interface Watch {
  readonly target: RemoteTarget;
  readonly listener: RemoteListener;
  /** The unique name (":1.42") that owns the target name now, or null. */
  owner: string | null;
  /** NameOwnerChanged signals seen for the name: one seen after a GetNameOwner was sent is newer than its reply. */
  ownerSignals: number;
}

const errorText = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

export function createDbusMediaBus(options: DbusMediaBusOptions): MediaBus {
  return new DbusMediaBus(options);
}

class DbusMediaBus implements MediaBus {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly callTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly retryFirstMs: number;
  private readonly retryMaxMs: number;
  private readonly address: string | null;
  private readonly openBus: (address: string) => MessageBus;

  private bus: MessageBus | null = null;
  /** Bumped on every (re)connect and on dispose: events from an older connection are ignored. */
  private generation = 0;
  private state: BusConnection = { kind: 'connecting' };
  private readonly listeners = new Set<(connection: BusConnection) => void>();
  private readonly published = new Map<string, Published>();
  private readonly watches = new Set<Watch>();
  /** Boxed: a handle may be any value (a number under a fake clock). */
  private retryTimer: { readonly handle: TimerHandle } | null = null;
  /** The connection attempt's deadline; cleared when it connects, fails or the bus is disposed. */
  private connectTimer: { readonly handle: TimerHandle } | null = null;
  private failures = 0;
  private disposed = false;
  private everConnected = false;

  public constructor(options: DbusMediaBusOptions) {
    this.clock = options.clock;
    this.log = options.logger;
    this.callTimeoutMs = options.callTimeoutMs ?? 3_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.retryFirstMs = options.retryFirstMs ?? 1_000;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
    this.openBus = options.openBus ?? ((busAddress) => sessionBus({ busAddress }));
    this.address = options.address === undefined ? sessionBusAddress() : options.address;
    if (this.address === null) {
      this.state = { kind: 'unavailable', reason: 'No D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set' };
      this.log.info('no session bus; media session off', {});
      return;
    }
    this.connect();
  }

  // ---- MediaBus ------------------------------------------------------------------------------------

  public connection(): BusConnection {
    return this.state;
  }

  public onConnection(listener: (connection: BusConnection) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  public async publish(name: string, object: BusObject, fallbackName?: string): Promise<PublishOutcome> {
    const existing = this.published.get(name);
    if (existing?.owned) return { ok: true, name: existing.owned };
    const entry: Published = existing ?? { requested: name, fallback: fallbackName, object, owned: null, serving: false };
    this.published.set(name, entry);
    if (!this.bus) return { ok: false, reason: this.state.kind === 'unavailable' ? this.state.reason : 'Waiting for the session bus' };
    return this.acquire(entry, this.generation);
  }

  public async unpublish(name: string): Promise<void> {
    const entry = this.published.get(name);
    if (!entry) return;
    this.published.delete(name);
    const owned = entry.owned;
    entry.owned = null;
    entry.serving = false;
    if (owned && this.bus) {
      try {
        await this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'ReleaseName', 's', [owned]);
      } catch (cause) {
        this.log.warn('could not release a bus name', { name: owned, error: errorText(cause) });
      }
    }
  }

  public publishedName(name: string): string | null {
    return this.published.get(name)?.owned ?? null;
  }

  public propertiesChanged(path: string, iface: string, changed: Readonly<Record<string, BusValue>>, invalidated: readonly string[] = []): void {
    if (!this.servedPath(path)) return;
    const body = [iface, Object.fromEntries(Object.entries(changed).map(([key, value]) => [key, toVariant(value)])), [...invalidated]];
    this.send(Message.newSignal(path, PROPERTIES, 'PropertiesChanged', 'sa{sv}as', body));
  }

  public signal(path: string, iface: string, member: string, args: readonly BusValue[]): void {
    if (!this.servedPath(path)) return;
    this.send(Message.newSignal(path, iface, member, args.map((a) => a.signature).join(''), args.map(toWire)));
  }

  public watch(target: RemoteTarget, listener: RemoteListener): () => void {
    const watch: Watch = { target, listener, owner: null, ownerSignals: 0 };
    this.watches.add(watch);
    if (this.bus) void this.follow(watch, this.generation);
    return () => {
      this.watches.delete(watch);
      if (this.bus) void this.removeMatches(watch.target);
    };
  }

  public async dispose(): Promise<void> {
    if (this.disposed) return;
    const names = [...this.published.keys()];
    await Promise.all(names.map((name) => this.unpublish(name)));
    this.disposed = true;
    this.generation += 1;
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer.handle);
    this.retryTimer = null;
    this.clearConnectTimer();
    this.watches.clear();
    this.listeners.clear();
    this.drop();
  }

  // ---- connection ----------------------------------------------------------------------------------

  private connect(): void {
    if (this.disposed || this.address === null) return;
    const generation = ++this.generation;
    this.setState({ kind: 'connecting' });
    let bus: MessageBus;
    try {
      bus = this.openBus(this.address);
    } catch (cause) {
      this.lost(generation, errorText(cause));
      return;
    }
    // Attached for the bus's whole life, even after we drop it: a late error must never go unhandled.
    (bus as unknown as EventEmitter).on('error', (cause: unknown) => this.lost(generation, errorText(cause)));
    const connection = (bus as unknown as { _connection?: Partial<EventEmitter> })._connection;
    connection?.on?.('end', () => this.lost(generation, 'The session bus closed the connection'));
    this.clearConnectTimer();
    this.connectTimer = { handle: this.clock.setTimeout(() => this.lost(generation, 'Connecting to the session bus timed out'), this.connectTimeoutMs) };
    bus.once('connect', () => {
      if (generation !== this.generation) return;
      this.clearConnectTimer();
      this.bus = bus;
      void this.restore(generation);
    });
    bus.on('message', (message: Message) => {
      if (generation === this.generation && message.type === MessageType.SIGNAL) this.onSignal(message);
    });
    bus.addMethodHandler((message: Message) => (generation === this.generation ? this.onMethodCall(bus, message) : false));
    this.pendingBus = bus;
  }

  /** The bus of the connection being made (dropped with it if it fails before `connect`). */
  private pendingBus: MessageBus | null = null;

  /** After (re)connecting: names again, watches again, and only then "connected". */
  private async restore(generation: number): Promise<void> {
    const entries = [...this.published.values()];
    for (const entry of entries) await this.acquire(entry, generation);
    if (generation !== this.generation) return;
    await Promise.all([...this.watches].map((watch) => this.follow(watch, generation)));
    if (generation !== this.generation) return;
    if (this.failures > 0 || !this.everConnected) this.log.info('connected to the session bus', { reconnected: this.everConnected });
    this.failures = 0;
    this.everConnected = true;
    this.setState({ kind: 'connected' });
  }

  private lost(generation: number, reason: string): void {
    if (generation !== this.generation || this.disposed) return;
    this.generation += 1;
    const wasConnected = this.bus !== null;
    this.clearConnectTimer();
    this.drop();
    for (const entry of this.published.values()) {
      entry.owned = null;
      entry.serving = false;
    }
    for (const watch of this.watches) {
      if (watch.owner !== null) {
        watch.owner = null;
        this.safely(() => watch.listener.vanished());
      }
    }
    if (!this.everConnected && this.address !== null && isAbstractAddress(this.address)) {
      const why = `The session bus's abstract socket cannot be reached from here (a sandbox or another network namespace): ${reason}`;
      this.log.warn('session bus unavailable; media session off', { reason });
      this.setState({ kind: 'unavailable', reason: why });
      return;
    }
    this.failures += 1;
    const delay = Math.min(this.retryMaxMs, this.retryFirstMs * 2 ** Math.max(0, this.failures - 1));
    // One line when it breaks; retries stay quiet until it works again.
    if (wasConnected || this.failures === 1) this.log.warn('session bus lost; will reconnect', { reason, retryInMs: delay });
    this.setState({ kind: 'disconnected', reason, retryAt: this.clock.now() + delay });
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer.handle);
    this.retryTimer = {
      handle: this.clock.setTimeout(() => {
        this.retryTimer = null;
        this.connect();
      }, delay),
    };
  }

  private clearConnectTimer(): void {
    if (this.connectTimer !== null) this.clock.clearTimeout(this.connectTimer.handle);
    this.connectTimer = null;
  }

  private drop(): void {
    for (const bus of [this.bus, this.pendingBus]) {
      if (!bus) continue;
      try {
        bus.disconnect();
      } catch {
        // Already closed.
      }
    }
    this.bus = null;
    this.pendingBus = null;
  }

  private setState(state: BusConnection): void {
    if (JSON.stringify(state) === JSON.stringify(this.state)) return;
    this.state = state;
    for (const listener of [...this.listeners]) this.safely(() => listener(state));
  }

  // ---- names ---------------------------------------------------------------------------------------

  private async acquire(entry: Published, generation: number): Promise<PublishOutcome> {
    const candidates = [entry.requested, ...(entry.fallback ? [entry.fallback] : [])];
    let reason = 'The bus name is taken';
    entry.serving = true;
    for (const name of candidates) {
      try {
        const reply = await this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'RequestName', 'su', [name, NAME_FLAG_DO_NOT_QUEUE]);
        if (generation !== this.generation) return { ok: false, reason: 'The session bus went away' };
        const code = Number(fromWire(reply?.body[0]));
        if (code === REPLY_PRIMARY_OWNER || code === REPLY_ALREADY_OWNER) {
          if (this.published.get(entry.requested) !== entry) {
            // Unpublished while we waited: give the name back.
            entry.serving = false;
            void this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'ReleaseName', 's', [name]).catch(() => undefined);
            return { ok: false, reason: 'Unpublished' };
          }
          entry.owned = name;
          return { ok: true, name };
        }
        reason = `${name} is owned by another program`;
      } catch (cause) {
        reason = errorText(cause);
        this.log.warn('could not own a bus name', { name, error: reason });
        break;
      }
    }
    entry.serving = false;
    return { ok: false, reason };
  }

  private servedPath(path: string): BusObject | null {
    for (const entry of this.published.values()) if (entry.serving && entry.object.path === path) return entry.object;
    return null;
  }

  // ---- serving -------------------------------------------------------------------------------------

  private onMethodCall(bus: MessageBus, message: Message): boolean {
    const object = this.servedPath(message.path);
    if (!object) return false;
    const iface = message.interface;
    const member = message.member;
    const signature = message.signature ?? '';
    const args = (message.body ?? []).map(fromWire);
    const answer = (reply: BusReply | Promise<BusReply>, outSignature: string): void => {
      void Promise.resolve(reply)
        .catch((cause: unknown): BusReply => ({ ok: false, errorName: 'org.freedesktop.DBus.Error.Failed', message: errorText(cause) }))
        .then((settled) => this.reply(bus, message, settled, outSignature));
    };
    const invalid = (text: string): BusReply => ({ ok: false, errorName: 'org.freedesktop.DBus.Error.InvalidArgs', message: text });

    if (iface === INTROSPECTABLE && member === 'Introspect') {
      answer({ ok: true, body: [{ signature: 's', value: introspectionXml(object.interfaces) }] }, 's');
      return true;
    }
    if (iface === PROPERTIES) {
      const target = object.interfaces.find((i) => i.name === args[0]);
      if (member === 'GetAll' && signature === 's') {
        answer({ ok: true, body: [{ signature: 'a{sv}', value: target ? target.read() : {} }] }, 'a{sv}');
        return true;
      }
      if (member === 'Get' && signature === 'ss') {
        const value = target?.read()[String(args[1])];
        answer(value ? { ok: true, body: [value] } : invalid(`No property ${String(args[1])} on ${String(args[0])}`), 'v');
        return true;
      }
      if (member === 'Set' && signature === 'ssv') {
        const property = target?.properties[String(args[1])];
        if (!target || !property) answer(invalid(`No property ${String(args[1])} on ${String(args[0])}`), '');
        else if (property.access !== 'readwrite' || !target.write) {
          answer({ ok: false, errorName: 'org.freedesktop.DBus.Error.PropertyReadOnly', message: `${String(args[1])} is read-only` }, '');
        } else answer(target.write(String(args[1]), args[2]), '');
        return true;
      }
      answer({ ok: false, errorName: 'org.freedesktop.DBus.Error.UnknownMethod', message: `No method ${member}` }, '');
      return true;
    }
    // The interface may be omitted in a call: then any interface's method of that name.
    const candidates = object.interfaces.filter((i) => (iface ? i.name === iface : true));
    for (const candidate of candidates) {
      const method = candidate.methods[member];
      if (!method) continue;
      if (method.inSignature !== signature) {
        answer(invalid(`${member} takes (${method.inSignature}), got (${signature})`), '');
        return true;
      }
      answer(method.call(args), method.outSignature ?? '');
      return true;
    }
    // Peer.Ping and unknown members: the library answers (UnknownMethod).
    return false;
  }

  private reply(bus: MessageBus, message: Message, reply: BusReply, outSignature: string): void {
    if ((message.flags & MessageFlag.NO_REPLY_EXPECTED) !== 0) return;
    if (!reply.ok) {
      this.sendOn(bus, Message.newError(message, reply.errorName, reply.message));
      return;
    }
    const body = outSignature === 'v' ? reply.body.map(toVariant) : reply.body.map(toWire);
    this.sendOn(bus, Message.newMethodReturn(message, outSignature, body));
  }

  private send(message: Message): void {
    if (this.bus) this.sendOn(this.bus, message);
  }

  private sendOn(bus: MessageBus, message: Message): void {
    try {
      bus.send(message);
    } catch (cause) {
      // The stream closed under us; the `end`/`error` handlers reconnect.
      this.log.debug('a bus message was not sent', { error: errorText(cause) });
    }
  }

  // ---- following another player --------------------------------------------------------------------

  private matchRules(target: RemoteTarget): string[] {
    return [
      `type='signal',sender='${DBUS}',path='/org/freedesktop/DBus',interface='${DBUS}',member='NameOwnerChanged',arg0='${target.name}'`,
      `type='signal',sender='${target.name}',path='${target.path}',interface='${PROPERTIES}',member='PropertiesChanged',arg0='${target.interface}'`,
    ];
  }

  private async follow(watch: Watch, generation: number): Promise<void> {
    try {
      for (const rule of this.matchRules(watch.target)) await this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'AddMatch', 's', [rule]);
      // Subscribed first, queried second: a NameOwnerChanged that arrives after this point (even in the same
      // chunk as the reply) is newer than the reply and has been acted on already, so the reply is dropped.
      const signalsBefore = watch.ownerSignals;
      const owner = await this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'GetNameOwner', 's', [watch.target.name]).then(
        (reply) => {
          const owner = fromWire(reply?.body[0]);
          return typeof owner === 'string' ? owner : '';
        },
        () => '', // NameHasNoOwner
      );
      if (generation !== this.generation || !this.watches.has(watch) || watch.ownerSignals !== signalsBefore) return;
      if (owner) await this.ownerChanged(watch, owner, generation);
    } catch (cause) {
      this.log.warn('could not follow a player on the bus', { name: watch.target.name, error: errorText(cause) });
    }
  }

  private async removeMatches(target: RemoteTarget): Promise<void> {
    for (const rule of this.matchRules(target)) {
      await this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'RemoveMatch', 's', [rule]).catch(() => undefined);
    }
  }

  private async ownerChanged(watch: Watch, owner: string, generation: number): Promise<void> {
    if (watch.owner !== null && watch.owner !== owner) {
      watch.owner = null;
      this.safely(() => watch.listener.vanished());
    }
    if (!owner) return;
    watch.owner = owner;
    const { name, path, interface: iface } = watch.target;
    const properties = await this.call(name, path, PROPERTIES, 'GetAll', 's', [iface]).then(
      (reply) => {
        const bag = fromWire(reply?.body[0]);
        return bag !== null && typeof bag === 'object' && !Array.isArray(bag) ? (bag as Record<string, unknown>) : null;
      },
      (cause: unknown) => {
        this.log.debug('GetAll on a followed player failed', { name, error: errorText(cause) });
        return null;
      },
    );
    if (generation !== this.generation || watch.owner !== owner || !this.watches.has(watch)) return;
    this.safely(() => watch.listener.appeared(properties));
  }

  private onSignal(message: Message): void {
    const body = message.body ?? [];
    if (message.sender === DBUS && message.interface === DBUS && message.member === 'NameOwnerChanged') {
      const [name, , newOwner] = body.map(fromWire);
      for (const watch of this.watches) {
        if (watch.target.name !== name) continue;
        watch.ownerSignals += 1;
        const owner = typeof newOwner === 'string' ? newOwner : '';
        if (owner === '') {
          if (watch.owner !== null) {
            watch.owner = null;
            this.safely(() => watch.listener.vanished());
          }
        } else if (owner !== watch.owner) void this.ownerChanged(watch, owner, this.generation);
      }
      return;
    }
    if (message.interface !== PROPERTIES || message.member !== 'PropertiesChanged') return;
    const [iface, changed, invalidated] = body.map(fromWire);
    for (const watch of this.watches) {
      if (watch.owner === null || watch.owner !== message.sender || watch.target.path !== message.path || watch.target.interface !== iface) continue;
      const bag = changed !== null && typeof changed === 'object' && !Array.isArray(changed) ? (changed as Record<string, unknown>) : {};
      const names = Array.isArray(invalidated) ? invalidated.filter((n): n is string => typeof n === 'string') : [];
      this.safely(() => watch.listener.propertiesChanged(bag, names));
    }
  }

  // ---- calls ---------------------------------------------------------------------------------------

  /** A method call with a timeout: after a connection error the library's pending calls never settle. */
  private call(destination: string, path: string, iface: string, member: string, signature: string, body: unknown[]): Promise<Message | null> {
    const bus = this.bus;
    if (!bus) return Promise.reject(new Error('Not connected to the session bus'));
    return new Promise<Message | null>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => reject(new Error(`D-Bus call ${member} timed out`)), this.callTimeoutMs);
      let pending: Promise<Message | null>;
      try {
        pending = bus.call(new Message({ destination, path, interface: iface, member, signature, body }));
      } catch (cause) {
        this.clock.clearTimeout(timer);
        reject(cause instanceof Error ? cause : new Error(String(cause)));
        return;
      }
      pending.then(
        (reply) => {
          this.clock.clearTimeout(timer);
          resolve(reply);
        },
        (cause: unknown) => {
          this.clock.clearTimeout(timer);
          reject(cause instanceof Error ? cause : new Error(String(cause)));
        },
      );
    });
  }

  private safely(action: () => void): void {
    try {
      action();
    } catch (cause) {
      this.log.error('a media bus listener failed', { error: errorText(cause) });
    }
  }
}
