import type { Result } from '../result';

import type { ClientTransport, ClientOptions } from './client';
import type { Unsubscribe } from './contract-kit';

/** A payload check: the value to use, or one line naming what is wrong. */
export type Check = (value: unknown) => { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** One channel with its checks, however they were made (zod in the preload, generated JSON Schemas in the page). */
export type CheckedChannel =
  | { readonly kind: 'call'; readonly channel: string; readonly domain: string; readonly name: string; readonly input: Check; readonly reply: Check }
  | { readonly kind: 'command'; readonly channel: string; readonly domain: string; readonly name: string; readonly input: Check }
  | { readonly kind: 'event'; readonly channel: string; readonly domain: string; readonly name: string; readonly payload: Check };

const failure = (code: 'invalid_payload' | 'invalid_reply' | 'transport', message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Builds the API over any transport from checked channels. Inputs are checked before they leave; replies and
 * events on arrival, so a bad peer yields an error value, never a throw.
 */
export function createCheckedClient<Api>(channels: readonly CheckedChannel[], transport: ClientTransport, options: ClientOptions = {}): Api {
  const api: Record<string, Record<string, unknown>> = {};
  for (const entry of channels) {
    const members = (api[entry.domain] ??= {});
    const { channel } = entry;
    switch (entry.kind) {
      case 'call':
        members[entry.name] = async (payload?: unknown): Promise<Result<unknown>> => {
          const input = entry.input(payload);
          if (!input.ok) return failure('invalid_payload', `${channel}: ${input.message}`);
          let raw: unknown;
          try {
            raw = await transport.invoke(channel, input.value);
          } catch (cause) {
            return failure('transport', `${channel}: ${cause instanceof Error ? cause.message : String(cause)}`);
          }
          const reply = entry.reply(raw);
          if (reply.ok) return reply.value as Result<unknown>;
          options.onInvalid?.(channel, reply.message);
          return failure('invalid_reply', `${channel}: ${reply.message}`);
        };
        break;
      case 'command':
        members[entry.name] = (payload?: unknown): void => {
          const input = entry.input(payload);
          if (input.ok) transport.send(channel, input.value);
          else options.onInvalid?.(channel, input.message);
        };
        break;
      case 'event':
        members[entry.name] = (listener: (payload: unknown) => void): Unsubscribe =>
          transport.subscribe(channel, (payload) => {
            const parsed = entry.payload(payload);
            if (parsed.ok) listener(parsed.value);
            else options.onInvalid?.(channel, parsed.message);
          });
        break;
    }
  }
  return api as Api;
}
