import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { contract } from '../../shared/contract';
import { zodChannels } from '../../shared/ipc/client';
import { WsServerFrameSchema } from '../../shared/ipc/ws-protocol';
import { appState, episodePlaying, signedIn } from '../testing/fixtures';

import { checkFrame, checkedChannels } from './contract-checks';

// The page checks payloads with JSON Schemas generated from the contract; they must accept and refuse exactly
// what zod (the preload, and main's dispatcher) accepts and refuses.

const zod = new Map(zodChannels(contract).map((c) => [c.channel, c]));
const generated = new Map(checkedChannels.map((c) => [c.channel, c]));

const checksOf = (channel: string, side: 'input' | 'reply' | 'payload') => {
  const pick = (c: ReturnType<typeof zod.get>) => (c === undefined ? undefined : (c as unknown as Record<string, unknown>)[side]) as
    | ((v: unknown) => { ok: boolean; value?: unknown })
    | undefined;
  return { zod: pick(zod.get(channel)), json: pick(generated.get(channel)) };
};

/** Replaces the value at a random path of a JSON value with another (often ill-typed) value. */
function mutate(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[(path[0] ?? 0) % keys.length] as string;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...(value as unknown[])] as unknown as Record<string, unknown>) : { ...value };
  copy[key] = mutate((value as Record<string, unknown>)[key], path.slice(1), replacement);
  return copy;
}

const samples = [appState(), appState({ auth: signedIn() }), appState({ playback: { nowPlaying: episodePlaying(), controls: { readOnly: false, readOnlyReason: null }, notice: null } })];

describe('generated contract checks', () => {
  it('cover every channel of the contract', () => {
    expect([...generated.keys()].sort()).toEqual([...zod.keys()].sort());
  });

  it('agree with zod on the app state, its replies and mutated copies of them', () => {
    const event = checksOf('app:onState', 'payload');
    const reply = checksOf('app:getState', 'reply');
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(fc.nat(40), { maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), (state, path, replacement) => {
        const mutated = mutate(state, path, replacement);
        const expected = event.zod?.(mutated);
        const actual = event.json?.(mutated);
        expect(actual?.ok).toBe(expected?.ok);
        if (expected?.ok) expect(actual?.value).toEqual(expected.value);
        const wrapped = { ok: true, value: mutated };
        expect(reply.json?.(wrapped).ok).toBe(reply.zod?.(wrapped).ok);
      }),
      { numRuns: 400 },
    );
  });

  it('agree with zod on every input, for random payloads', () => {
    const inputs = [...zod.values()].filter((c) => c.kind !== 'event').map((c) => c.channel);
    fc.assert(
      fc.property(fc.constantFrom(...inputs), fc.jsonValue(), (channel, payload) => {
        const { zod: z, json } = checksOf(channel, 'input');
        expect(json?.(payload).ok).toBe(z?.(payload).ok);
      }),
      { numRuns: 400 },
    );
  });

  it('agree with zod on valid inputs (settings patches, Client IDs, volumes)', () => {
    for (const [channel, payload] of [
      ['settings:update', { mini: { sizeMode: 'bar', opacity: 80 } }],
      ['settings:update', { hotkeys: { bindings: { playPause: 'Alt+P', next: null } } }],
      ['settings:update', { mini: { opacity: 69 } }],
      ['settings:update', { theme: 'sepia' }],
      ['settings:update', { extra: true }],
      ['auth:setClientId', { clientId: '0123456789ABCDEF0123456789abcdef' }],
      ['auth:setClientId', { clientId: 'nope' }],
      ['auth:setClientId', { clientId: null }],
      ['player:setVolume', { percent: 100 }],
      ['player:setVolume', { percent: 101 }],
      ['player:seek', { positionMs: 1.5 }],
    ] as const) {
      const { zod: z, json } = checksOf(channel, 'input');
      expect({ channel, payload, ok: json?.(payload).ok }).toEqual({ channel, payload, ok: z?.(payload).ok });
    }
  });

  it('parse server frames as the ws protocol schema does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (frame) => {
        expect(checkFrame(frame) !== null).toBe(WsServerFrameSchema.safeParse(frame).success);
      }),
      { numRuns: 300 },
    );
    expect(checkFrame({ t: 'event', ch: 'a:b', p: 1 })).toEqual({ t: 'event', ch: 'a:b', p: 1 });
  });
});
