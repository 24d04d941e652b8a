import { Message, MessageFlag, type MessageBus } from '@jellybrick/dbus-next';

import type { Logger } from '../logging/logger';
import type { BusObject, BusReply } from '../ports/media-bus';

import { errorText, INTROSPECTABLE, PROPERTIES, sendSafely } from './dbus-call';
import { fromWire, introspectionXml, toVariant, toWire } from './dbus-values';

// Serving one published object with our own method handler: Introspect, Properties Get/GetAll/Set and the
// object's methods. The library's Interface classes are not used (`configureMembers()` is broken in 0.11.3).

/** Answers a method call to `object`; false leaves it to the library (Peer.Ping, unknown members). */
export function serveMethodCall(bus: MessageBus, object: BusObject, message: Message, log: Logger): boolean {
  const iface = message.interface;
  const member = message.member;
  const signature = message.signature ?? '';
  const args = (message.body ?? []).map(fromWire);
  const answer = (reply: BusReply | Promise<BusReply>, outSignature: string): void => {
    void Promise.resolve(reply)
      .catch((cause: unknown): BusReply => ({ ok: false, errorName: 'org.freedesktop.DBus.Error.Failed', message: errorText(cause) }))
      .then((settled) => replyTo(bus, message, settled, outSignature, log));
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
  return false;
}

function replyTo(bus: MessageBus, message: Message, reply: BusReply, outSignature: string, log: Logger): void {
  if ((message.flags & MessageFlag.NO_REPLY_EXPECTED) !== 0) return;
  if (!reply.ok) {
    sendSafely(bus, Message.newError(message, reply.errorName, reply.message), log);
    return;
  }
  const body = outSignature === 'v' ? reply.body.map(toVariant) : reply.body.map(toWire);
  sendSafely(bus, Message.newMethodReturn(message, outSignature, body), log);
}
