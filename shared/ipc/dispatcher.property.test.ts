import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { contract } from '../contract';
import { ok } from '../result';

import { listChannels } from './contract-kit';
import { createDispatcher } from './dispatcher';

// Every handler accepts anything that passed validation; the property is about what reaches them. Each
// handler records what it was given, so "runs no handler" is watched, not assumed.
const channels = listChannels(contract);
const ran: Array<{ channel: string; input: unknown }> = [];
const handlers = Object.fromEntries(
  Object.entries(contract).map(([domain, members]) => [
    domain,
    Object.fromEntries(
      Object.keys(members).map((name) => [
        name,
        (input: unknown) => {
          ran.push({ channel: `${domain}:${name}`, input });
          return ok(null);
        },
      ]),
    ),
  ]),
);

describe('dispatcher under untrusted input', () => {
  it('answers every call with a Result and runs no handler on input its schema rejects', async () => {
    const dispatcher = createDispatcher(contract, handlers as never, { warn: () => undefined, error: () => undefined });
    const channel = fc.oneof(fc.constantFrom(...channels.map((c) => c.channel)), fc.string({ maxLength: 40 }));
    let accepted = 0;
    await fc.assert(
      // Absent input is what most valid calls carry; JSON alone would never reach a handler.
      fc.asyncProperty(channel, fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant({})), async (ch, payload) => {
        ran.length = 0;
        const reply = await dispatcher.call(ch, payload, { transport: 'test', origin: 'main' });
        expect(typeof reply.ok).toBe('boolean');
        const entry = channels.find((c) => c.channel === ch);
        const valid = entry?.spec.kind === 'call' ? entry.spec.input.safeParse(payload) : null;
        if (entry?.spec.kind !== 'call') {
          expect(reply.ok).toBe(false);
          expect(ran).toEqual([]);
        } else if (!valid?.success) {
          expect(!reply.ok && reply.error.code).toBe('invalid_payload');
          expect(ran).toEqual([]);
        } else {
          // Accepted: exactly this handler ran, once, with the parsed input.
          accepted += 1;
          expect(ran).toEqual([{ channel: ch, input: valid.data }]);
        }
        // Commands never throw either, and run only on valid input.
        ran.length = 0;
        dispatcher.command(ch, payload, { transport: 'test', origin: 'main' });
        const command = channels.find((c) => c.channel === ch && c.spec.kind === 'command');
        if (command?.spec.kind !== 'command' || !command.spec.input.safeParse(payload).success) expect(ran).toEqual([]);
        else expect(ran.map((r) => r.channel)).toEqual([ch]);
      }),
      { numRuns: 500 },
    );
    // The property saw handlers run, so "runs no handler" was not true by accident.
    expect(accepted).toBeGreaterThan(0);
  });

  it('refuses a handler reply that breaks the contract (internal error, nothing invalid sent back)', async () => {
    const call = channels.find((c) => c.spec.kind === 'call' && c.spec.input.safeParse(undefined).success);
    if (!call) throw new Error('no call without input in the contract');
    const broken = Object.fromEntries(
      Object.entries(contract).map(([domain, members]) => [
        domain,
        Object.fromEntries(Object.keys(members).map((name) => [name, () => ({ ok: true, value: { not: 'in the schema' }, extra: 1 })])),
      ]),
    );
    const logged: string[] = [];
    const dispatcher = createDispatcher(contract, broken as never, { warn: () => undefined, error: (m) => logged.push(m) });
    const reply = await dispatcher.call(call.channel, undefined, { transport: 'test', origin: 'main' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toContain('handler returned an invalid reply');
  });
});
