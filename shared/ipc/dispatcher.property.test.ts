import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { contract } from '../contract';
import { ok } from '../result';

import { listChannels } from './contract-kit';
import { createDispatcher } from './dispatcher';

// Every handler accepts anything that passed validation; the property is about what reaches them.
const channels = listChannels(contract);
const anyHandler = () => ok(null);
const handlers = Object.fromEntries(
  Object.entries(contract).map(([domain, members]) => [domain, Object.fromEntries(Object.keys(members).map((n) => [n, anyHandler]))]),
);

describe('dispatcher under untrusted input', () => {
  it('answers every call with a Result and runs no handler on input its schema rejects', async () => {
    const dispatcher = createDispatcher(contract, handlers as never, { warn: () => undefined, error: () => undefined });
    const channel = fc.oneof(fc.constantFrom(...channels.map((c) => c.channel)), fc.string({ maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(channel, fc.jsonValue(), async (ch, payload) => {
        const reply = await dispatcher.call(ch, payload, { transport: 'test', origin: 'main' });
        expect(typeof reply.ok).toBe('boolean');
        const entry = channels.find((c) => c.channel === ch);
        if (entry?.spec.kind !== 'call') {
          expect(reply.ok).toBe(false);
        } else if (!entry.spec.input.safeParse(payload).success) {
          expect(!reply.ok && reply.error.code).toBe('invalid_payload');
        }
        // Commands never throw either.
        dispatcher.command(ch, payload, { transport: 'test', origin: 'main' });
      }),
      { numRuns: 500 },
    );
  });
});
