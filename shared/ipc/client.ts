import type { z } from 'zod';

import { resultSchema } from '../result';
import { describeIssues } from '../parse';

import { createCheckedClient, type Check, type CheckedChannel } from './client-core';
import { listChannels, type ClientApi, type ContractShape, type Unsubscribe } from './contract-kit';

/** What a renderer-side transport must do; Electron IPC and WebSocket both implement it. */
export interface ClientTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  send(channel: string, payload: unknown): void;
  subscribe(channel: string, listener: (payload: unknown) => void): Unsubscribe;
}

export interface ClientOptions {
  /** Told about payloads that failed validation (dropped events, bad replies). */
  readonly onInvalid?: (channel: string, message: string) => void;
}

const zodCheck =
  (schema: z.ZodType): Check =>
  (value) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: describeIssues(parsed.error) };
  };

/** The contract's channels with zod checks (the preload, and tests). */
export function zodChannels(contract: ContractShape): CheckedChannel[] {
  return listChannels(contract).map(({ channel, domain, name, spec }): CheckedChannel => {
    switch (spec.kind) {
      case 'call':
        return { kind: 'call', channel, domain, name, input: zodCheck(spec.input), reply: zodCheck(resultSchema(spec.output)) };
      case 'command':
        return { kind: 'command', channel, domain, name, input: zodCheck(spec.input) };
      case 'event':
        return { kind: 'event', channel, domain, name, payload: zodCheck(spec.payload) };
    }
  });
}

/**
 * Builds the typed API from the contract over any transport. Inputs are validated before they leave;
 * replies and events are validated on arrival, so a bad peer yields an error value, never a throw.
 */
export function createClient<C extends ContractShape>(contract: C, transport: ClientTransport, options: ClientOptions = {}): ClientApi<C> {
  return createCheckedClient<ClientApi<C>>(zodChannels(contract), transport, options);
}
