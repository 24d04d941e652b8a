import type { BusConnection, BusObject, BusReply, BusValue, MediaBus, PublishOutcome, RemoteListener, RemoteTarget } from '../../ports/media-bus';

/** A sent signal, as a listener on the bus would see it. */
export type SentSignal =
  | { readonly kind: 'propertiesChanged'; readonly iface: string; readonly changed: Readonly<Record<string, BusValue>> }
  | { readonly kind: 'signal'; readonly iface: string; readonly member: string; readonly args: readonly BusValue[] };

/**
 * An in-memory MediaBus for logic tests and benchmarks: names are owned at once, method calls go straight to
 * the served object, and a test plays the remote player (Spotify) with appear/change/vanish.
 */
export class FakeMediaBus implements MediaBus {
  public readonly signals: SentSignal[] = [];
  /** Names other programs hold: publishing them falls back, or fails. */
  public readonly takenNames = new Set<string>();
  private state: BusConnection;
  private readonly listeners = new Set<(connection: BusConnection) => void>();
  private readonly published = new Map<string, { object: BusObject; owned: string | null }>();
  private readonly watches = new Set<{ target: RemoteTarget; listener: RemoteListener }>();
  private readonly remotes = new Map<string, Record<string, unknown>>();

  public constructor(connection: BusConnection = { kind: 'connected' }) {
    this.state = connection;
  }

  public connection(): BusConnection {
    return this.state;
  }

  public setConnection(connection: BusConnection): void {
    this.state = connection;
    if (connection.kind !== 'connected') for (const entry of this.published.values()) entry.owned = null;
    else for (const [name, entry] of this.published) entry.owned = this.takenNames.has(name) ? null : name;
    for (const listener of [...this.listeners]) listener(connection);
  }

  public onConnection(listener: (connection: BusConnection) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  public publish(name: string, object: BusObject, fallbackName?: string): Promise<PublishOutcome> {
    const entry = this.published.get(name) ?? { object, owned: null };
    this.published.set(name, entry);
    if (this.state.kind !== 'connected') return Promise.resolve({ ok: false, reason: 'Waiting for the session bus' });
    const owned = !this.takenNames.has(name) ? name : fallbackName && !this.takenNames.has(fallbackName) ? fallbackName : null;
    entry.owned = owned;
    return Promise.resolve(owned ? { ok: true, name: owned } : { ok: false, reason: `${name} is owned by another program` });
  }

  public unpublish(name: string): Promise<void> {
    this.published.delete(name);
    return Promise.resolve();
  }

  public publishedName(name: string): string | null {
    return this.published.get(name)?.owned ?? null;
  }

  public propertiesChanged(_path: string, iface: string, changed: Readonly<Record<string, BusValue>>): void {
    this.signals.push({ kind: 'propertiesChanged', iface, changed });
  }

  public signal(_path: string, iface: string, member: string, args: readonly BusValue[]): void {
    this.signals.push({ kind: 'signal', iface, member, args });
  }

  public watch(target: RemoteTarget, listener: RemoteListener): () => void {
    const watch = { target, listener };
    this.watches.add(watch);
    const present = this.remotes.get(target.name);
    if (present) listener.appeared(present);
    return () => this.watches.delete(watch);
  }

  public dispose(): Promise<void> {
    this.published.clear();
    this.watches.clear();
    return Promise.resolve();
  }

  // ---- playing the other side ------------------------------------------------------------------------

  /** The object served under `name` (to call its methods and read its properties as a client would). */
  public served(name: string): BusObject | null {
    const entry = [...this.published.values()].find((e) => e.owned === name);
    return entry?.object ?? null;
  }

  public async call(name: string, iface: string, member: string, args: readonly unknown[] = []): Promise<BusReply> {
    const object = this.served(name);
    const method = object?.interfaces.find((i) => i.name === iface)?.methods[member];
    if (!method) return { ok: false, errorName: 'org.freedesktop.DBus.Error.UnknownMethod', message: member };
    return method.call(args);
  }

  public read(name: string, iface: string): Readonly<Record<string, BusValue>> | null {
    return this.served(name)?.interfaces.find((i) => i.name === iface)?.read() ?? null;
  }

  public remoteAppears(name: string, properties: Record<string, unknown>): void {
    this.remotes.set(name, properties);
    for (const watch of [...this.watches]) if (watch.target.name === name) watch.listener.appeared(properties);
  }

  public remoteChanges(name: string, changed: Record<string, unknown>): void {
    const current = this.remotes.get(name);
    if (!current) return;
    this.remotes.set(name, { ...current, ...changed });
    for (const watch of [...this.watches]) if (watch.target.name === name) watch.listener.propertiesChanged(changed, []);
  }

  public remoteVanishes(name: string): void {
    if (!this.remotes.delete(name)) return;
    for (const watch of [...this.watches]) if (watch.target.name === name) watch.listener.vanished();
  }

  public get watching(): number {
    return this.watches.size;
  }
}
