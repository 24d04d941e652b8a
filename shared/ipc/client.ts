import { err, resultSchema, type Result } from '../result';
import { describeIssues } from '../parse';

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

/**
 * Builds the typed API from the contract over any transport. Inputs are validated before they leave;
 * replies and events are validated on arrival, so a bad peer yields an error value, never a throw.
 */
export function createClient<C extends ContractShape>(
  contract: C,
  transport: ClientTransport,
  options: ClientOptions = {},
): ClientApi<C> {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { channel, domain, name, spec } of listChannels(contract)) {
    const members = (api[domain] ??= {});
    switch (spec.kind) {
      case 'call': {
        const reply = resultSchema(spec.output);
        members[name] = async (payload?: unknown): Promise<Result<unknown>> => {
          const input = spec.input.safeParse(payload);
          if (!input.success) return err('invalid_payload', `${channel}: ${describeIssues(input.error)}`);
          let raw: unknown;
          try {
            raw = await transport.invoke(channel, input.data);
          } catch (cause) {
            return err('transport', `${channel}: ${cause instanceof Error ? cause.message : String(cause)}`);
          }
          const parsed = reply.safeParse(raw);
          if (parsed.success) return parsed.data;
          const message = describeIssues(parsed.error);
          options.onInvalid?.(channel, message);
          return err('invalid_reply', `${channel}: ${message}`);
        };
        break;
      }
      case 'command':
        members[name] = (payload?: unknown): void => {
          const input = spec.input.safeParse(payload);
          if (input.success) transport.send(channel, input.data);
          else options.onInvalid?.(channel, describeIssues(input.error));
        };
        break;
      case 'event':
        members[name] = (listener: (payload: unknown) => void): Unsubscribe =>
          transport.subscribe(channel, (payload) => {
            const parsed = spec.payload.safeParse(payload);
            if (parsed.success) listener(parsed.data);
            else options.onInvalid?.(channel, describeIssues(parsed.error));
          });
        break;
    }
  }
  return api as ClientApi<C>;
}
