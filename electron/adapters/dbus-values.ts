import { Variant } from '@jellybrick/dbus-next';

import type { BusInterface, BusValue } from '../ports/media-bus';

// Conversions at the edge of the D-Bus library: our BusValue ⇄ its Variants, and its BigInts (64-bit
// values) to plain numbers before anything crosses IPC or JSON.

/** A BusValue as the library marshals it inside a variant. */
export function toVariant(value: BusValue): Variant {
  return new Variant(value.signature, toWire(value));
}

/** A BusValue's payload as the library marshals it for an argument of the same signature. */
export function toWire(value: BusValue): unknown {
  switch (value.signature) {
    case 'x':
      // BigInt() of a fraction throws; NaN/Infinity would too: clamp to a whole number first.
      return BigInt(Number.isFinite(value.value) ? Math.round(value.value) : 0);
    case 't':
      return BigInt(Number.isFinite(value.value) ? Math.max(0, Math.round(value.value)) : 0);
    case 'd':
      return Number.isFinite(value.value) ? value.value : 0;
    case 'a{sv}':
      return Object.fromEntries(Object.entries(value.value).map(([key, inner]) => [key, toVariant(inner)]));
    case 's':
    case 'o':
    case 'b':
    case 'as':
      return value.value;
  }
}

/** Library values (Variants, BigInts, Buffers, nested arrays and maps) to plain JS that JSON can carry. */
export function fromWire(value: unknown): unknown {
  if (typeof value === 'bigint') return bigintToNumber(value);
  if (value instanceof Variant) return fromWire(value.value);
  if (Buffer.isBuffer(value)) return [...value];
  if (Array.isArray(value)) return value.map(fromWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, fromWire(inner)]));
  }
  return value;
}

/** Outside ±2^53 a number loses precision; saturate rather than invent digits. */
export function bigintToNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  if (value < BigInt(Number.MIN_SAFE_INTEGER)) return Number.MIN_SAFE_INTEGER;
  return Number(value);
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Introspection XML for a served object, so tools (d-spy, qdbus, busctl) can list what it offers. */
export function introspectionXml(interfaces: readonly BusInterface[], children: readonly string[] = []): string {
  const lines = [
    '<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">',
    '<node>',
    '  <interface name="org.freedesktop.DBus.Introspectable"><method name="Introspect"><arg name="xml" type="s" direction="out"/></method></interface>',
    '  <interface name="org.freedesktop.DBus.Peer"><method name="Ping"/></interface>',
    '  <interface name="org.freedesktop.DBus.Properties">',
    '    <method name="Get"><arg name="interface" type="s" direction="in"/><arg name="property" type="s" direction="in"/><arg name="value" type="v" direction="out"/></method>',
    '    <method name="GetAll"><arg name="interface" type="s" direction="in"/><arg name="properties" type="a{sv}" direction="out"/></method>',
    '    <method name="Set"><arg name="interface" type="s" direction="in"/><arg name="property" type="s" direction="in"/><arg name="value" type="v" direction="in"/></method>',
    '    <signal name="PropertiesChanged"><arg name="interface" type="s"/><arg name="changed" type="a{sv}"/><arg name="invalidated" type="as"/></signal>',
    '  </interface>',
  ];
  for (const iface of interfaces) {
    lines.push(`  <interface name="${escapeXml(iface.name)}">`);
    for (const [name, method] of Object.entries(iface.methods)) {
      const args = splitSignature(method.inSignature).map((type, i) => `<arg name="arg${i}" type="${escapeXml(type)}" direction="in"/>`);
      const out = splitSignature(method.outSignature ?? '').map((type, i) => `<arg name="out${i}" type="${escapeXml(type)}" direction="out"/>`);
      lines.push(`    <method name="${escapeXml(name)}">${[...args, ...out].join('')}</method>`);
    }
    for (const [name, signature] of Object.entries(iface.signals ?? {})) {
      const args = splitSignature(signature).map((type, i) => `<arg name="arg${i}" type="${escapeXml(type)}"/>`);
      lines.push(`    <signal name="${escapeXml(name)}">${args.join('')}</signal>`);
    }
    for (const [name, property] of Object.entries(iface.properties)) {
      lines.push(`    <property name="${escapeXml(name)}" type="${escapeXml(property.signature)}" access="${property.access}"/>`);
    }
    lines.push('  </interface>');
  }
  for (const child of children) lines.push(`  <node name="${escapeXml(child)}"/>`);
  lines.push('</node>');
  return lines.join('\n');
}

/** Splits a D-Bus signature into complete types ('ox' → ['o', 'x'], 'sa{sv}as' → ['s', 'a{sv}', 'as']). */
export function splitSignature(signature: string): string[] {
  const types: string[] = [];
  let i = 0;
  const one = (): string => {
    const start = i;
    const c = signature[i];
    i += 1;
    if (c === 'a') one();
    else if (c === '(' || c === '{') {
      const close = c === '(' ? ')' : '}';
      while (i < signature.length && signature[i] !== close) one();
      if (signature[i] !== close) throw new Error(`unbalanced signature: ${signature}`);
      i += 1;
    }
    return signature.slice(start, i);
  };
  while (i < signature.length) types.push(one());
  return types;
}
