import { describe, expect, it } from 'vitest';

import { contract } from '../contract';
import { err, ok } from '../result';

import { createClient, type ClientTransport } from './client';
import { listChannels } from './contract-kit';
import { createDispatcher } from './dispatcher';

const silent = { warn: () => undefined, error: () => undefined };

describe('contract', () => {
  it('names every channel domain:name, once', () => {
    const channels = listChannels(contract).map((c) => c.channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it('rejects a call whose payload fails the schema, without running the handler', async () => {
    const warnings: string[] = [];
    let ran = false;
    const dispatcher = createDispatcher(
      { d: { f: { kind: 'call', input: contract.player.seek.input, output: contract.player.seek.output } } },
      { d: { f: () => ((ran = true), ok(null)) } },
      { warn: (m) => warnings.push(m), error: () => undefined },
    );
    const reply = await dispatcher.call('d:f', { positionMs: -5 }, { transport: 'test', origin: 'main' });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('invalid_payload');
    expect(ran).toBe(false);
    expect(warnings).toContain('rejected invalid payload');
  });

  it('turns a throwing handler into an internal error reply', async () => {
    const dispatcher = createDispatcher(
      { d: { f: { kind: 'call', input: contract.app.getInfo.input, output: contract.auth.signIn.output } } },
      {
        d: {
          f: () => {
            throw new Error('boom');
          },
        },
      },
      silent,
    );
    const reply = await dispatcher.call('d:f', undefined, { transport: 'test', origin: 'main' });
    expect(!reply.ok && reply.error.code).toBe('internal');
  });

  it('round-trips calls, errors and events through a client', async () => {
    const small = {
      player: { seek: contract.player.seek, next: contract.player.next },
      app: { onState: contract.app.onState },
    } as const;
    const dispatcher = createDispatcher(
      small,
      { player: { seek: ({ positionMs }) => (positionMs > 10 ? ok(null) : err('restricted', 'too early')), next: () => ok(null) }, app: {} },
      silent,
    );
    const listeners = new Map<string, (p: unknown) => void>();
    dispatcher.addSink((channel, payload) => listeners.get(channel)?.(payload));
    const transport: ClientTransport = {
      invoke: (channel, payload) => dispatcher.call(channel, payload, { transport: 'test', origin: 'main' }),
      send: () => undefined,
      subscribe: (channel, listener) => (listeners.set(channel, listener), () => listeners.delete(channel)),
    };
    const api = createClient(small, transport);
    expect(await api.player.seek({ positionMs: 20 })).toEqual(ok(null));
    expect(await api.player.seek({ positionMs: 5 })).toEqual(err('restricted', 'too early'));
    // Invalid input never leaves the client.
    expect((await api.player.seek({ positionMs: -1 })).ok).toBe(false);
    const seen: number[] = [];
    const off = api.app.onState((s) => seen.push(s.rev));
    const invalidEvents: string[] = [];
    const api2 = createClient(small, transport, { onInvalid: (c) => invalidEvents.push(c) });
    expect(api2).toBeDefined();
    off();
    expect(seen).toEqual([]);
  });
});
