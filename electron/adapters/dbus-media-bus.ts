import type { EventEmitter } from 'node:events';

import { Message, MessageType, sessionBus, type MessageBus } from '@jellybrick/dbus-next';

import type { Logger } from '../logging/logger';
import type { Clock, TimerHandle } from '../ports/clock';
import type { BusConnection, BusObject, BusValue, MediaBus, PublishOutcome, RemoteListener, RemoteTarget } from '../ports/media-bus';

import { isAbstractAddress, sessionBusAddress } from './dbus-address';
import { callWithTimeout, errorText, PROPERTIES, safely, sendSafely, type BusLink } from './dbus-call';
import { NameWatches } from './dbus-name-watches';
import { PublishedNames } from './dbus-published-names';
import { serveMethodCall } from './dbus-served-object';
import { toVariant, toWire } from './dbus-values';

export { isAbstractAddress, sessionBusAddress } from './dbus-address';

// The media bus over @jellybrick/dbus-next (pure JS, no native addon). Only its low-level API is used — our
// own method handler serves Properties/Introspect/methods (dbus-served-object.ts) — because
// `Interface.configureMembers()` is broken in 0.11.3 and its decorators do not fit this TS config. Every
// call has a timeout (pending calls never settle after a connection error), every `error` event is handled
// (an unhandled one kills the main process), and a lost bus is reconnected with backoff, names
// (dbus-published-names.ts) and watches (dbus-name-watches.ts) restored. This file is the connection's life.

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

/** Connection attempts on an abstract socket that times out before it is given up (refused: one). */
const ABSTRACT_TRIES = 4;

/** Whether a connection error says the socket is not there (as opposed to slow or dropped). */
function socketUnreachable(cause: unknown): boolean {
  const code = cause !== null && typeof cause === 'object' && 'code' in cause ? String(cause.code) : '';
  return code === 'ECONNREFUSED' || code === 'ENOENT' || /\b(ECONNREFUSED|ENOENT)\b/.test(errorText(cause));
}

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
  private readonly names: PublishedNames;
  private readonly watches: NameWatches;

  private bus: MessageBus | null = null;
  /** The bus of the connection being made (dropped with it if it fails before `connect`). */
  private pendingBus: MessageBus | null = null;
  /** Bumped on every (re)connect and on dispose: events from an older connection are ignored. */
  private generation = 0;
  private state: BusConnection = { kind: 'connecting' };
  private readonly listeners = new Set<(connection: BusConnection) => void>();
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
    const link: BusLink = {
      log: this.log,
      call: (destination, path, iface, member, signature, body) => {
        const bus = this.bus;
        if (!bus) return Promise.reject(new Error('Not connected to the session bus'));
        return callWithTimeout(bus, this.clock, this.callTimeoutMs, destination, path, iface, member, signature, body);
      },
      isCurrent: (generation) => generation === this.generation,
      generation: () => this.generation,
    };
    this.names = new PublishedNames(link);
    this.watches = new NameWatches(link);
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
    const entry = this.names.remember(name, object, fallbackName);
    if (!('requested' in entry)) return { ok: true, name: entry.owned };
    if (!this.bus) return { ok: false, reason: this.state.kind === 'unavailable' ? this.state.reason : 'Waiting for the session bus' };
    return this.names.acquire(entry, this.generation);
  }

  public unpublish(name: string): Promise<void> {
    return this.names.release(name, this.bus !== null);
  }

  public publishedName(name: string): string | null {
    return this.names.ownedName(name);
  }

  public propertiesChanged(path: string, iface: string, changed: Readonly<Record<string, BusValue>>, invalidated: readonly string[] = []): void {
    if (!this.names.servedObject(path)) return;
    const body = [iface, Object.fromEntries(Object.entries(changed).map(([key, value]) => [key, toVariant(value)])), [...invalidated]];
    this.send(Message.newSignal(path, PROPERTIES, 'PropertiesChanged', 'sa{sv}as', body));
  }

  public signal(path: string, iface: string, member: string, args: readonly BusValue[]): void {
    if (!this.names.servedObject(path)) return;
    this.send(Message.newSignal(path, iface, member, args.map((a) => a.signature).join(''), args.map(toWire)));
  }

  public watch(target: RemoteTarget, listener: RemoteListener): () => void {
    return this.watches.add(target, listener, () => this.bus !== null);
  }

  public async dispose(): Promise<void> {
    if (this.disposed) return;
    await Promise.all(this.names.requested().map((name) => this.unpublish(name)));
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
      this.lost(generation, errorText(cause), socketUnreachable(cause));
      return;
    }
    // Attached for the bus's whole life, even after we drop it: a late error must never go unhandled.
    (bus as unknown as EventEmitter).on('error', (cause: unknown) => this.lost(generation, errorText(cause), socketUnreachable(cause)));
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
      if (generation === this.generation && message.type === MessageType.SIGNAL) this.watches.onSignal(message);
    });
    bus.addMethodHandler((message: Message) => {
      if (generation !== this.generation) return false;
      const object = this.names.servedObject(message.path);
      return object ? serveMethodCall(bus, object, message, this.log) : false;
    });
    this.pendingBus = bus;
  }

  /**
   * After (re)connecting: watches again, names again, and only then "connected". Watches first: who is on
   * the bus now (the local Spotify app) decides whether our name is wanted at all — taking it first would
   * flash a second player in the desktop's media controls.
   */
  private async restore(generation: number): Promise<void> {
    await this.watches.followAll(generation);
    if (generation !== this.generation) return;
    await this.names.acquireAll(generation);
    if (generation !== this.generation) return;
    if (this.failures > 0 || !this.everConnected) this.log.info('connected to the session bus', { reconnected: this.everConnected });
    this.failures = 0;
    this.everConnected = true;
    this.setState({ kind: 'connected' });
  }

  private lost(generation: number, reason: string, unreachable = false): void {
    if (generation !== this.generation || this.disposed) return;
    this.generation += 1;
    const wasConnected = this.bus !== null;
    this.clearConnectTimer();
    this.drop();
    this.names.connectionLost();
    this.watches.connectionLost();
    // An abstract socket never reached: refused or missing means another network namespace (a sandbox), so
    // give up at once; a timeout may be a busy desktop, so retry a few times first.
    const abstractNeverReached = !this.everConnected && this.address !== null && isAbstractAddress(this.address);
    if (abstractNeverReached && (unreachable || this.failures + 1 >= ABSTRACT_TRIES)) {
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
    for (const listener of [...this.listeners]) safely(this.log, () => listener(state));
  }

  private send(message: Message): void {
    if (this.bus) sendSafely(this.bus, message, this.log);
  }
}
