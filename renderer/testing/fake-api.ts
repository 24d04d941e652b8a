import { contract, type TrayplayApi } from '../../shared/contract';
import { createClient, type ClientTransport } from '../../shared/ipc/client';
import { ok } from '../../shared/result';

type Handler = (payload: unknown) => unknown;

export interface FakeApi {
  readonly api: TrayplayApi;
  /** Every call and command, in order: `[channel, payload]`. */
  readonly calls: Array<readonly [string, unknown]>;
  /** Pushes an event to the window, as main would. */
  emit(channel: string, payload: unknown): void;
  /** Replaces the reply of a channel (the reply is a raw `Result`, as it crosses the wire). */
  handle(channel: string, handler: Handler): void;
}

/** A real client over a fake transport: payloads and replies are validated exactly as in the app. */
export function createFakeApi(handlers: Record<string, Handler> = {}): FakeApi {
  const table = new Map<string, Handler>(Object.entries(handlers));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: Array<readonly [string, unknown]> = [];
  const transport: ClientTransport = {
    invoke: (channel, payload) => {
      calls.push([channel, payload]);
      const handler = table.get(channel);
      return Promise.resolve(handler ? handler(payload) : ok(null));
    },
    send: (channel, payload) => {
      calls.push([channel, payload]);
    },
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  return {
    api: createClient(contract, transport),
    calls,
    emit: (channel, payload) => {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener(payload);
    },
    handle: (channel, handler) => {
      table.set(channel, handler);
    },
  };
}
