import type { Message } from '@jellybrick/dbus-next';

import type { RemoteListener, RemoteTarget } from '../ports/media-bus';

import { DBUS, DBUS_PATH, errorText, PROPERTIES, safely, type BusLink } from './dbus-call';
import { fromWire } from './dbus-values';

// Following other players: a watch per target name, which appears and vanishes with NameOwnerChanged and
// relays the owner's PropertiesChanged.

interface Watch {
  readonly target: RemoteTarget;
  readonly listener: RemoteListener;
  /** The unique name (":1.42") that owns the target name now, or null. */
  owner: string | null;
  /** NameOwnerChanged signals seen for the name: one seen after a GetNameOwner was sent is newer than its reply. */
  ownerSignals: number;
}

const matchRules = (target: RemoteTarget): string[] => [
  `type='signal',sender='${DBUS}',path='${DBUS_PATH}',interface='${DBUS}',member='NameOwnerChanged',arg0='${target.name}'`,
  `type='signal',sender='${target.name}',path='${target.path}',interface='${PROPERTIES}',member='PropertiesChanged',arg0='${target.interface}'`,
];

const asBag = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

export class NameWatches {
  private readonly watches = new Set<Watch>();

  public constructor(private readonly link: BusLink) {}

  /** Adds a watch; `connected` follows it at once, else the next `followAll` does. Returns its removal. */
  public add(target: RemoteTarget, listener: RemoteListener, connected: () => boolean): () => void {
    const watch: Watch = { target, listener, owner: null, ownerSignals: 0 };
    this.watches.add(watch);
    if (connected()) void this.follow(watch, this.link.generation());
    return () => {
      this.watches.delete(watch);
      if (connected()) void this.removeMatches(watch.target);
    };
  }

  public async followAll(generation: number): Promise<void> {
    await Promise.all([...this.watches].map((watch) => this.follow(watch, generation)));
  }

  /** The connection is gone: every player seen is reported vanished (they are looked for again on reconnect). */
  public connectionLost(): void {
    for (const watch of this.watches) {
      if (watch.owner !== null) {
        watch.owner = null;
        safely(this.link.log, () => watch.listener.vanished());
      }
    }
  }

  public clear(): void {
    this.watches.clear();
  }

  public onSignal(message: Message): void {
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
            safely(this.link.log, () => watch.listener.vanished());
          }
        } else if (owner !== watch.owner) void this.ownerChanged(watch, owner, this.link.generation());
      }
      return;
    }
    if (message.interface !== PROPERTIES || message.member !== 'PropertiesChanged') return;
    const [iface, changed, invalidated] = body.map(fromWire);
    for (const watch of this.watches) {
      if (watch.owner === null || watch.owner !== message.sender || watch.target.path !== message.path || watch.target.interface !== iface) continue;
      const bag = asBag(changed) ?? {};
      const names = Array.isArray(invalidated) ? invalidated.filter((n): n is string => typeof n === 'string') : [];
      safely(this.link.log, () => watch.listener.propertiesChanged(bag, names));
    }
  }

  private async follow(watch: Watch, generation: number): Promise<void> {
    try {
      for (const rule of matchRules(watch.target)) await this.link.call(DBUS, DBUS_PATH, DBUS, 'AddMatch', 's', [rule]);
      // Subscribed first, queried second: a NameOwnerChanged that arrives after this point (even in the same
      // chunk as the reply) is newer than the reply and has been acted on already, so the reply is dropped.
      const signalsBefore = watch.ownerSignals;
      const owner = await this.link.call(DBUS, DBUS_PATH, DBUS, 'GetNameOwner', 's', [watch.target.name]).then(
        (reply) => {
          const owner = fromWire(reply?.body[0]);
          return typeof owner === 'string' ? owner : '';
        },
        () => '', // NameHasNoOwner
      );
      if (!this.link.isCurrent(generation) || !this.watches.has(watch) || watch.ownerSignals !== signalsBefore) return;
      if (owner) await this.ownerChanged(watch, owner, generation);
    } catch (cause) {
      this.link.log.warn('could not follow a player on the bus', { name: watch.target.name, error: errorText(cause) });
    }
  }

  private async removeMatches(target: RemoteTarget): Promise<void> {
    for (const rule of matchRules(target)) {
      await this.link.call(DBUS, DBUS_PATH, DBUS, 'RemoveMatch', 's', [rule]).catch(() => undefined);
    }
  }

  private async ownerChanged(watch: Watch, owner: string, generation: number): Promise<void> {
    if (watch.owner !== null && watch.owner !== owner) {
      watch.owner = null;
      safely(this.link.log, () => watch.listener.vanished());
    }
    if (!owner) return;
    watch.owner = owner;
    const { name, path, interface: iface } = watch.target;
    const properties = await this.link.call(name, path, PROPERTIES, 'GetAll', 's', [iface]).then(
      (reply) => asBag(fromWire(reply?.body[0])),
      (cause: unknown) => {
        this.link.log.debug('GetAll on a followed player failed', { name, error: errorText(cause) });
        return null;
      },
    );
    if (!this.link.isCurrent(generation) || watch.owner !== owner || !this.watches.has(watch)) return;
    safely(this.link.log, () => watch.listener.appeared(properties));
  }
}
