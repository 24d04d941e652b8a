import type { Check } from '../../shared/ipc/client-core';
import type { JsonSchema } from '../../shared/ipc/json-schemas';

/**
 * Checks a value against the JSON Schemas generated from the contract (shared/ipc/json-schemas.ts): the subset
 * zod emits — type, const, enum, anyOf/oneOf, properties/required/additionalProperties, items, string length and
 * pattern, number bounds. `strip` mirrors zod's objects on the output side: unknown keys are dropped, not refused.
 */
export function jsonCheck(schema: JsonSchema, mode: 'strict' | 'strip'): Check {
  return (value) => {
    const issues: string[] = [];
    const result = walk(schema, value, [], mode, issues);
    return issues.length === 0 ? { ok: true, value: result } : { ok: false, message: issues.slice(0, 5).join('; ') };
  };
}

type Path = readonly (string | number)[];

const where = (path: Path): string => (path.length === 0 ? '(root)' : path.join('.'));
const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isSafeInteger(value) ? 'integer' : typeof value;

function typeMatches(type: unknown, value: unknown): boolean {
  const kind = kindOf(value);
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => t === kind || (t === 'number' && kind === 'integer'));
}

function walk(schema: JsonSchema, value: unknown, path: Path, mode: 'strict' | 'strip', issues: string[]): unknown {
  const fail = (message: string): unknown => {
    issues.push(`${where(path)}: ${message}`);
    return value;
  };
  if (schema['x-undefined'] === true) return value === undefined ? value : fail('expected nothing');
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives !== undefined) {
    for (const option of alternatives) {
      const found: string[] = [];
      const result = walk(option, value, path, mode, found);
      if (found.length === 0) return result;
    }
    return fail('matches none of the allowed shapes');
  }
  if ('const' in schema && value !== schema.const) return fail(`expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return fail('not one of the allowed values');
  if (schema.type !== undefined && !typeMatches(schema.type, value)) return fail(`expected ${JSON.stringify(schema.type)}, got ${kindOf(value)}`);
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return fail('too short');
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return fail('too long');
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, typeof schema.patternFlags === 'string' ? schema.patternFlags : '').test(value))
      return fail('wrong format');
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail('not a finite number');
    if (typeof schema.minimum === 'number' && value < schema.minimum) return fail('too small');
    if (typeof schema.maximum === 'number' && value > schema.maximum) return fail('too big');
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) return fail('too small');
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) return fail('too big');
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) return fail('too few items');
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return fail('too many items');
    const items = schema.items as JsonSchema | undefined;
    return items === undefined ? value : value.map((item, index) => walk(items, item, [...path, index], mode, issues));
  }
  if (kindOf(value) === 'object' && (schema.type === 'object' || schema.properties !== undefined)) {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = (schema.required ?? []) as string[];
    const out: Record<string, unknown> = {};
    for (const key of required) if (!(key in record) || record[key] === undefined) issues.push(`${where([...path, key])}: required`);
    for (const [key, item] of Object.entries(record)) {
      const property = properties[key];
      if (property !== undefined) {
        if (item !== undefined || required.includes(key)) out[key] = walk(property, item, [...path, key], mode, issues);
      } else if (schema.additionalProperties === false) {
        if (mode === 'strict') issues.push(`${where([...path, key])}: unknown field`);
      } else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
        out[key] = walk(schema.additionalProperties as JsonSchema, item, [...path, key], mode, issues);
      } else {
        out[key] = item;
      }
    }
    return out;
  }
  return value;
}
