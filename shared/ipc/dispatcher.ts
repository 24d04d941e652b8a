import { err, resultSchema, type Result } from '../result';
import { describeIssues } from '../parse';

import {
  listChannels,
  type CallContext,
  type ChannelEntry,
  type ContractShape,
  type Emitter,
  type Handlers,
} from './contract-kit';

/** Where the dispatcher reports rejected messages; main passes its logger. */
export interface DispatchLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Receives validated events; each transport registers one to fan them out to its peers. */
export type EventSink = (channel: string, payload: unknown) => void;

export interface Dispatcher<C extends ContractShape> extends Emitter<C> {
  readonly channels: readonly ChannelEntry[];
  /** Runs a call from an untrusted peer; always resolves to a `Result`. */
  call(channel: string, payload: unknown, ctx: CallContext): Promise<Result<unknown>>;
  /** Runs a command from an untrusted peer; invalid ones are logged and dropped. */
  command(channel: string, payload: unknown, ctx: CallContext): void;
  addSink(sink: EventSink): () => void;
}

/**
 * The main-side half of the contract, independent of any transport: validates every payload on arrival,
 * runs the handler, validates the reply, and turns throws into `internal` errors.
 */
export function createDispatcher<C extends ContractShape>(
  contract: C,
  handlers: Handlers<C>,
  log: DispatchLog,
): Dispatcher<C> {
  const channels = listChannels(contract);
  const byChannel = new Map(channels.map((entry) => [entry.channel, entry]));
  const sinks = new Set<EventSink>();
  const handlerOf = (entry: ChannelEntry) =>
    (handlers as unknown as Record<string, Record<string, (input: unknown, ctx: CallContext) => unknown>>)[
      entry.domain
    ]?.[entry.name];

  return {
    channels,
    async call(channel, payload, ctx) {
      const entry = byChannel.get(channel);
      if (entry?.spec.kind !== 'call') {
        log.warn('rejected call to unknown channel', { channel: String(channel).slice(0, 80), via: ctx.transport });
        return err('unknown_channel', `No call named ${String(channel).slice(0, 80)}`);
      }
      const input = entry.spec.input.safeParse(payload);
      if (!input.success) {
        const message = describeIssues(input.error);
        log.warn('rejected invalid payload', { channel, via: ctx.transport, issues: message });
        return err('invalid_payload', `${channel}: ${message}`);
      }
      const handler = handlerOf(entry);
      if (!handler) return err('internal', `${channel} has no handler`);
      try {
        const reply = await handler(input.data, ctx);
        const checked = resultSchema(entry.spec.output).safeParse(reply);
        if (checked.success) return checked.data;
        log.error('handler returned an invalid reply', { channel, issues: describeIssues(checked.error) });
        return err('internal', `${channel} produced an invalid reply`);
      } catch (cause) {
        log.error('handler threw', { channel, error: cause instanceof Error ? cause.message : String(cause) });
        return err('internal', `${channel} failed unexpectedly`);
      }
    },
    command(channel, payload, ctx) {
      const entry = byChannel.get(channel);
      if (entry?.spec.kind !== 'command') {
        log.warn('rejected command to unknown channel', { channel: String(channel).slice(0, 80), via: ctx.transport });
        return;
      }
      const input = entry.spec.input.safeParse(payload);
      if (!input.success) {
        log.warn('rejected invalid payload', { channel, via: ctx.transport, issues: describeIssues(input.error) });
        return;
      }
      try {
        handlerOf(entry)?.(input.data, ctx);
      } catch (cause) {
        log.error('command handler threw', { channel, error: cause instanceof Error ? cause.message : String(cause) });
      }
    },
    emit(domain, name, payload) {
      const channel = `${domain}:${name}`;
      const entry = byChannel.get(channel);
      if (entry?.spec.kind !== 'event') throw new Error(`No event named ${channel}`);
      const parsed = entry.spec.payload.safeParse(payload);
      if (!parsed.success) {
        // A bug in main: never push a payload the renderer would reject.
        log.error('refused to emit an invalid event', { channel, issues: describeIssues(parsed.error) });
        return;
      }
      for (const sink of sinks) sink(channel, parsed.data);
    },
    addSink(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
