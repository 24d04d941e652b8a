import generated from 'virtual:contract-schemas';

import type { Check, CheckedChannel } from '../../shared/ipc/client-core';
import type { ContractJsonSchemas } from '../../shared/ipc/json-schemas';
import type { WsServerFrame } from '../../shared/ipc/ws-protocol';

import { jsonCheck } from './json-check';

const schemas = generated as ContractJsonSchemas;

const checkers = schemas.schemas.map((schema) => ({ strict: jsonCheck(schema, 'strict'), strip: jsonCheck(schema, 'strip') }));
const at = (index: number | undefined, mode: 'strict' | 'strip'): Check => {
  const checker = index === undefined ? undefined : checkers[index];
  return checker === undefined ? () => ({ ok: false, message: 'no schema' }) : checker[mode];
};
const errorCheck = at(schemas.error, 'strip');

/** A reply is a `Result`: `{ ok: true, value }` checked against the call's output, or `{ ok: false, error }`. */
const replyCheck =
  (value: Check): Check =>
  (raw) => {
    if (raw === null || typeof raw !== 'object') return { ok: false, message: '(root): expected a Result' };
    const reply = raw as { ok?: unknown; value?: unknown; error?: unknown };
    const checked = reply.ok === true ? value(reply.value) : reply.ok === false ? errorCheck(reply.error) : null;
    if (checked === null) return { ok: false, message: 'ok: expected true or false' };
    if (!checked.ok) return { ok: false, message: `${reply.ok === true ? 'value' : 'error'}.${checked.message}` };
    return { ok: true, value: reply.ok === true ? { ok: true, value: checked.value } : { ok: false, error: checked.value } };
  };

/** The contract's channels with checks generated from its schemas at build time (see vite-plugins/contract-checks-plugin.ts). */
export const checkedChannels: readonly CheckedChannel[] = schemas.channels.map((entry): CheckedChannel => {
  const { channel, domain, name } = entry;
  switch (entry.kind) {
    case 'call':
      return { kind: 'call', channel, domain, name, input: at(entry.input, 'strict'), reply: replyCheck(at(entry.value, 'strip')) };
    case 'command':
      return { kind: 'command', channel, domain, name, input: at(entry.input, 'strict') };
    case 'event':
      return { kind: 'event', channel, domain, name, payload: at(entry.payload, 'strip') };
  }
});

const frameCheck = at(schemas.serverFrame, 'strip');

/** Parses one server frame; anything malformed is null. */
export function checkFrame(json: unknown): WsServerFrame | null {
  const frame = frameCheck(json);
  return frame.ok ? (frame.value as WsServerFrame) : null;
}

export const CONTRACT_PATH = schemas.path;
