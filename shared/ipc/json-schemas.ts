import { z } from 'zod';

import { AppErrorSchema } from '../result';

import { listChannels, type ContractShape } from './contract-kit';
import { WS_CONTRACT_PATH, WsServerFrameSchema } from './ws-protocol';

/** A JSON Schema (draft 2020-12 subset) as zod writes it; `patternFlags` carries a regex's flags, which JSON Schema drops. */
export type JsonSchema = { readonly [key: string]: unknown };

/** One channel's schemas, as indexes into `ContractJsonSchemas.schemas` (identical schemas are stored once). */
export interface ChannelJsonSchemas {
  readonly channel: string;
  readonly domain: string;
  readonly name: string;
  readonly kind: 'call' | 'command' | 'event';
  /** Calls and commands: the payload sent (input side of the zod schema). */
  readonly input?: number;
  /** Calls: the reply's `value` when `ok` (output side); a failed reply carries `error`. */
  readonly value?: number;
  /** Events: the payload pushed (output side). */
  readonly payload?: number;
}

export interface ContractJsonSchemas {
  readonly path: string;
  readonly schemas: readonly JsonSchema[];
  /** `AppError`, the error of every failed reply. */
  readonly error: number;
  readonly serverFrame: number;
  readonly channels: readonly ChannelJsonSchemas[];
}

interface ZodDefLike {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly pattern?: RegExp } } }[];
}

function toJson(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    // `z.undefined()` (no payload) and transforms have no JSON form; the main-side dispatcher still checks them fully.
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as unknown as { _zod: { def: ZodDefLike } })._zod.def;
      const target = ctx.jsonSchema as Record<string, unknown>;
      // "No payload" must stay checkable: JSON Schema has no undefined, so mark it.
      if (def.type === 'undefined') target['x-undefined'] = true;
      const flags = (def.checks ?? []).map((check) => check._zod.def.pattern?.flags ?? '').find((f) => f !== '');
      if (flags !== undefined) target.patternFlags = flags;
    },
  }) as Record<string, unknown>;
  delete json.$schema;
  return compact(json, io);
}

/**
 * Drops what the renderer's checker implies anyway, so the page ships less: safe-integer bounds (its `integer` is
 * a safe integer), `type` beside `const`, and on the output side `additionalProperties: false` (unknown keys are
 * stripped there, as zod does).
 */
function compact(schema: unknown, io: 'input' | 'output'): JsonSchema {
  if (Array.isArray(schema)) return schema.map((item) => compact(item, io)) as unknown as JsonSchema;
  if (schema === null || typeof schema !== 'object') return schema as JsonSchema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if ((key === 'maximum' && value === Number.MAX_SAFE_INTEGER) || (key === 'minimum' && value === Number.MIN_SAFE_INTEGER)) continue;
    if (key === 'type' && 'const' in schema) continue;
    if (key === 'additionalProperties' && value === false && io === 'output') continue;
    out[key] = key === 'const' || key === 'enum' ? value : compact(value, io);
  }
  return out;
}

/**
 * The contract as JSON Schemas, generated at build time for the renderer: the same contract, checked in the
 * window without shipping zod there (the main-side dispatcher keeps validating with zod).
 */
export function contractJsonSchemas(contract: ContractShape): ContractJsonSchemas {
  const schemas: JsonSchema[] = [];
  const seen = new Map<string, number>();
  const add = (schema: z.ZodType, io: 'input' | 'output'): number => {
    const json = toJson(schema, io);
    const key = JSON.stringify(json);
    const known = seen.get(key);
    if (known !== undefined) return known;
    schemas.push(json);
    seen.set(key, schemas.length - 1);
    return schemas.length - 1;
  };
  const channels = listChannels(contract).map(({ channel, domain, name, spec }): ChannelJsonSchemas => {
    switch (spec.kind) {
      case 'call':
        return { channel, domain, name, kind: 'call', input: add(spec.input, 'input'), value: add(spec.output, 'output') };
      case 'command':
        return { channel, domain, name, kind: 'command', input: add(spec.input, 'input') };
      case 'event':
        return { channel, domain, name, kind: 'event', payload: add(spec.payload, 'output') };
    }
  });
  const error = add(AppErrorSchema, 'output');
  const serverFrame = add(WsServerFrameSchema, 'output');
  return { path: WS_CONTRACT_PATH, schemas, error, serverFrame, channels };
}
