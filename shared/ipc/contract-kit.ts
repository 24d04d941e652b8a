import type { z } from 'zod';

import type { Result } from '../result';

/** Renderer → main request with a reply (`Result`). */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'call';
  readonly input: I;
  readonly output: O;
}
/** Renderer → main message with no reply. */
export interface CommandSpec<I extends z.ZodType = z.ZodType> {
  readonly kind: 'command';
  readonly input: I;
}
/** Main → renderer push. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
}
export type Spec = CallSpec | CommandSpec | EventSpec;
/** A contract is a two-level map: domain → name → spec. The channel is `domain:name`. */
export type ContractShape = Readonly<Record<string, Readonly<Record<string, Spec>>>>;

export const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({
  kind: 'call',
  input,
  output,
});
export const command = <I extends z.ZodType>(input: I): CommandSpec<I> => ({ kind: 'command', input });
export const event = <P extends z.ZodType>(payload: P): EventSpec<P> => ({ kind: 'event', payload });

export const channelOf = (domain: string, name: string): string => `${domain}:${name}`;

export type Unsubscribe = () => void;

/** A call whose input schema accepts `undefined` takes no argument. */
type Args<I extends z.ZodType> = undefined extends z.input<I> ? [] | [payload: z.input<I>] : [payload: z.input<I>];

type ClientMember<S> =
  S extends CallSpec<infer I, infer O>
    ? (...args: Args<I>) => Promise<Result<z.output<O>>>
    : S extends CommandSpec<infer I>
      ? (...args: Args<I>) => void
      : S extends EventSpec<infer P>
        ? (listener: (payload: z.output<P>) => void) => Unsubscribe
        : never;

/** The API a renderer sees (`window.trayplay`), derived from the contract: never written by hand. */
export type ClientApi<C extends ContractShape> = {
  readonly [D in keyof C]: { readonly [N in keyof C[D]]: ClientMember<C[D][N]> };
};

/** Context of the caller, filled by the transport after it checked the sender. */
export interface CallContext {
  readonly transport: 'electron' | 'websocket' | 'test';
  /** Which window sent it (`main` or `mini`), where known. */
  readonly origin: string;
}

type HandlerMember<S> =
  S extends CallSpec<infer I, infer O>
    ? (input: z.output<I>, ctx: CallContext) => Promise<Result<z.input<O>>> | Result<z.input<O>>
    : S extends CommandSpec<infer I>
      ? (input: z.output<I>, ctx: CallContext) => void
      : never;

type NonEventKeys<M> = { [N in keyof M]: M[N] extends EventSpec ? never : N }[keyof M];

/** What main implements: one function per call and command; events are emitted instead. */
export type Handlers<C extends ContractShape> = {
  readonly [D in keyof C]: { readonly [N in NonEventKeys<C[D]>]: HandlerMember<C[D][N]> };
};

type EventKeys<M> = { [N in keyof M]: M[N] extends EventSpec ? N : never }[keyof M];
type EventPayload<S> = S extends EventSpec<infer P> ? z.input<P> : never;

/** Main's typed emitter for the contract's events. */
export interface Emitter<C extends ContractShape> {
  emit<D extends keyof C & string, N extends EventKeys<C[D]> & string>(
    domain: D,
    name: N,
    payload: EventPayload<C[D][N]>,
  ): void;
}

/** One entry per channel, for transports that register channels one by one. */
export interface ChannelEntry {
  readonly channel: string;
  readonly domain: string;
  readonly name: string;
  readonly spec: Spec;
}

export function listChannels(contract: ContractShape): readonly ChannelEntry[] {
  return Object.entries(contract).flatMap(([domain, members]) =>
    Object.entries(members).map(([name, spec]) => ({ channel: channelOf(domain, name), domain, name, spec })),
  );
}
