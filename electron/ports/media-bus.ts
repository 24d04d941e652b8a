/**
 * The desktop's media bus (D-Bus on Linux) as the media session needs it: own a name and serve one object,
 * broadcast its changes, and follow another player's properties. Values cross this port as plain JS with
 * their D-Bus type: no BigInt, no library classes, so nothing bus-shaped leaks into the logic or over IPC.
 */

/** The D-Bus types MPRIS uses. `x`/`t` (64-bit) travel as JS numbers: microseconds fit in 2^53 for 285 years. */
export type BusSignature = 's' | 'o' | 'b' | 'd' | 'x' | 't' | 'as' | 'a{sv}';

export type BusValue =
  | { readonly signature: 's' | 'o'; readonly value: string }
  | { readonly signature: 'b'; readonly value: boolean }
  | { readonly signature: 'd' | 'x' | 't'; readonly value: number }
  | { readonly signature: 'as'; readonly value: readonly string[] }
  | { readonly signature: 'a{sv}'; readonly value: Readonly<Record<string, BusValue>> };

/** What a method handler answers: a reply body, or a D-Bus error the caller sees. */
export type BusReply =
  | { readonly ok: true; readonly body: readonly BusValue[] }
  | { readonly ok: false; readonly errorName: string; readonly message: string };

export interface BusMethod {
  /** The caller's argument types, e.g. 'x' or 'ox'; calls with another signature get InvalidArgs. */
  readonly inSignature: string;
  readonly outSignature?: string;
  /** Arguments arrive converted (int64 → number, variants unwrapped). */
  call(args: readonly unknown[]): BusReply | Promise<BusReply>;
}

export interface BusProperty {
  readonly signature: BusSignature;
  readonly access: 'read' | 'readwrite';
}

/** One interface of the served object. Properties are read on every Get/GetAll (Position is computed then). */
export interface BusInterface {
  readonly name: string;
  readonly properties: Readonly<Record<string, BusProperty>>;
  read(): Readonly<Record<string, BusValue>>;
  /** A write to a `readwrite` property; the value is already converted. */
  write?(property: string, value: unknown): BusReply | Promise<BusReply>;
  readonly methods: Readonly<Record<string, BusMethod>>;
  /** Signal names and their signatures, for introspection. */
  readonly signals?: Readonly<Record<string, string>>;
}

export interface BusObject {
  readonly path: string;
  readonly interfaces: readonly BusInterface[];
}

export type BusConnection =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected' }
  /** Lost or refused; the adapter tries again by itself at `retryAt`. */
  | { readonly kind: 'disconnected'; readonly reason: string; readonly retryAt: number | null }
  /** No session bus at all (no address): the feature is off for this run. */
  | { readonly kind: 'unavailable'; readonly reason: string };

/** A name we asked for: owned under `name`, or refused with a reason. */
export type PublishOutcome = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly reason: string };

/** Another player followed through the bus. Property bags are plain JS, not yet trusted. */
export interface RemoteListener {
  /** The name got an owner (at watch time if already there, or later); `properties` is its GetAll, or null if that failed. */
  appeared(properties: Readonly<Record<string, unknown>> | null): void;
  vanished(): void;
  propertiesChanged(changed: Readonly<Record<string, unknown>>, invalidated: readonly string[]): void;
}

export interface RemoteTarget {
  /** A well-known name, e.g. org.mpris.MediaPlayer2.spotify. */
  readonly name: string;
  readonly path: string;
  readonly interface: string;
}

export interface MediaBus {
  connection(): BusConnection;
  onConnection(listener: (connection: BusConnection) => void): () => void;
  /**
   * Owns `name` (or, when another process holds it, `fallbackName`) and serves `object` until unpublished.
   * Kept across reconnects: the adapter asks for the name again when the bus comes back.
   */
  publish(name: string, object: BusObject, fallbackName?: string): Promise<PublishOutcome>;
  unpublish(name: string): Promise<void>;
  /** The name currently owned for a publish, if any. */
  publishedName(name: string): string | null;
  /** org.freedesktop.DBus.Properties.PropertiesChanged from a served object. */
  propertiesChanged(path: string, iface: string, changed: Readonly<Record<string, BusValue>>, invalidated?: readonly string[]): void;
  /** Any other signal from a served object (MPRIS `Seeked`). */
  signal(path: string, iface: string, member: string, args: readonly BusValue[]): void;
  /** Follows a remote object's properties as its name comes and goes. Returns an unsubscribe. */
  watch(target: RemoteTarget, listener: RemoteListener): () => void;
  dispose(): Promise<void>;
}
