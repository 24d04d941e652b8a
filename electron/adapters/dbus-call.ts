import { Message, type MessageBus } from '@jellybrick/dbus-next';

import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';

// The pieces every part of the D-Bus adapter shares: the bus daemon's names, calls with a timeout, sends
// that survive a closed stream, and listeners that may throw.

export const DBUS = 'org.freedesktop.DBus';
export const DBUS_PATH = '/org/freedesktop/DBus';
export const PROPERTIES = 'org.freedesktop.DBus.Properties';
export const INTROSPECTABLE = 'org.freedesktop.DBus.Introspectable';

export const errorText = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

/** A method call on the current connection; rejects when there is none, or on timeout. */
export type BusCall = (destination: string, path: string, iface: string, member: string, signature: string, body: unknown[]) => Promise<Message | null>;

/** What the names and watches parts need from the connection they run on. */
export interface BusLink {
  readonly log: Logger;
  readonly call: BusCall;
  /** Whether a connection generation is still the current one (events from older ones are dropped). */
  isCurrent(generation: number): boolean;
  /** The current generation, for work started by an incoming signal. */
  generation(): number;
}

/** A method call with a timeout: after a connection error the library's pending calls never settle. */
export function callWithTimeout(
  bus: MessageBus,
  clock: Clock,
  timeoutMs: number,
  destination: string,
  path: string,
  iface: string,
  member: string,
  signature: string,
  body: unknown[],
): Promise<Message | null> {
  return new Promise<Message | null>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new Error(`D-Bus call ${member} timed out`)), timeoutMs);
    let pending: Promise<Message | null>;
    try {
      pending = bus.call(new Message({ destination, path, interface: iface, member, signature, body }));
    } catch (cause) {
      clock.clearTimeout(timer);
      reject(cause instanceof Error ? cause : new Error(String(cause)));
      return;
    }
    pending.then(
      (reply) => {
        clock.clearTimeout(timer);
        resolve(reply);
      },
      (cause: unknown) => {
        clock.clearTimeout(timer);
        reject(cause instanceof Error ? cause : new Error(String(cause)));
      },
    );
  });
}

export function sendSafely(bus: MessageBus, message: Message, log: Logger): void {
  try {
    bus.send(message);
  } catch (cause) {
    // The stream closed under us; the `end`/`error` handlers reconnect.
    log.debug('a bus message was not sent', { error: errorText(cause) });
  }
}

/** Runs a listener; one that throws is logged and never breaks the bus. */
export function safely(log: Logger, action: () => void): void {
  try {
    action();
  } catch (cause) {
    log.error('a media bus listener failed', { error: errorText(cause) });
  }
}
