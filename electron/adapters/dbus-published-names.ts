import type { BusObject, PublishOutcome } from '../ports/media-bus';

import { DBUS, DBUS_PATH, errorText, type BusLink } from './dbus-call';
import { fromWire } from './dbus-values';

// The names we own and the objects served under them. Kept across reconnects: after one, every entry asks
// for its name again.

const NAME_FLAG_DO_NOT_QUEUE = 4;
const REPLY_PRIMARY_OWNER = 1;
const REPLY_ALREADY_OWNER = 4;

interface Published {
  readonly requested: string;
  readonly fallback: string | undefined;
  readonly object: BusObject;
  owned: string | null;
  /** Answering calls: set before the name is requested, since callers may come as soon as the bus says it is ours. */
  serving: boolean;
}

export class PublishedNames {
  private readonly entries = new Map<string, Published>();

  public constructor(private readonly link: BusLink) {}

  /** The entry for a publish (a new one, or the one kept from before), or the name when already owned. */
  public remember(name: string, object: BusObject, fallbackName: string | undefined): Published | { readonly owned: string } {
    const existing = this.entries.get(name);
    if (existing?.owned) return { owned: existing.owned };
    const entry: Published = existing ?? { requested: name, fallback: fallbackName, object, owned: null, serving: false };
    this.entries.set(name, entry);
    return entry;
  }

  public requested(): string[] {
    return [...this.entries.keys()];
  }

  public ownedName(name: string): string | null {
    return this.entries.get(name)?.owned ?? null;
  }

  /** The object served at `path`, if its name is being served. */
  public servedObject(path: string): BusObject | null {
    for (const entry of this.entries.values()) if (entry.serving && entry.object.path === path) return entry.object;
    return null;
  }

  /** Asks for every kept name again, one after another (after a reconnect). */
  public async acquireAll(generation: number): Promise<void> {
    for (const entry of [...this.entries.values()]) await this.acquire(entry, generation);
  }

  /** The connection is gone: nothing is owned or served until the names are asked for again. */
  public connectionLost(): void {
    for (const entry of this.entries.values()) {
      entry.owned = null;
      entry.serving = false;
    }
  }

  public async release(name: string, connected: boolean): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) return;
    this.entries.delete(name);
    const owned = entry.owned;
    entry.owned = null;
    entry.serving = false;
    if (owned && connected) {
      try {
        await this.link.call(DBUS, DBUS_PATH, DBUS, 'ReleaseName', 's', [owned]);
      } catch (cause) {
        this.link.log.warn('could not release a bus name', { name: owned, error: errorText(cause) });
      }
    }
  }

  public async acquire(entry: Published, generation: number): Promise<PublishOutcome> {
    const candidates = [entry.requested, ...(entry.fallback ? [entry.fallback] : [])];
    let reason = 'The bus name is taken';
    entry.serving = true;
    for (const name of candidates) {
      try {
        const reply = await this.link.call(DBUS, DBUS_PATH, DBUS, 'RequestName', 'su', [name, NAME_FLAG_DO_NOT_QUEUE]);
        if (!this.link.isCurrent(generation)) return { ok: false, reason: 'The session bus went away' };
        const code = Number(fromWire(reply?.body[0]));
        if (code === REPLY_PRIMARY_OWNER || code === REPLY_ALREADY_OWNER) {
          if (this.entries.get(entry.requested) !== entry) {
            // Unpublished while we waited: give the name back.
            entry.serving = false;
            void this.link.call(DBUS, DBUS_PATH, DBUS, 'ReleaseName', 's', [name]).catch(() => undefined);
            return { ok: false, reason: 'Unpublished' };
          }
          entry.owned = name;
          return { ok: true, name };
        }
        reason = `${name} is owned by another program`;
      } catch (cause) {
        reason = errorText(cause);
        this.link.log.warn('could not own a bus name', { name, error: reason });
        break;
      }
    }
    entry.serving = false;
    return { ok: false, reason };
  }
}
