// A minimal OpenAPI 3.0 schema checker for the subset the Spotify spec uses: $ref, allOf, oneOf/anyOf,
// object/array/string/integer/number/boolean, enum, required, nullable, minimum/maximum.
// Extra properties are allowed (the spec is loose); null is allowed where the spec says "Can be null".

export type Schema = Record<string, unknown>;

export interface Issue {
  at: string;
  message: string;
}

export interface CheckOptions {
  /** Required fields development mode removed (facts §3.3): absent is fine. */
  ignoreRequired?: ReadonlySet<string>;
  /** Accept null anywhere (local files: Spotify sends nulls the spec does not declare). */
  allowNull?: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function resolveRef(doc: unknown, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    if (!isObj(node)) throw new Error(`bad $ref ${ref}`);
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (!isObj(node)) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

function deref(doc: unknown, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) s = resolveRef(doc, s.$ref);
  return s;
}

function mentionsNull(schema: Schema): boolean {
  return schema.nullable === true || (typeof schema.description === 'string' && /can be `?null`?|`null` if/i.test(schema.description));
}

export function checkSchema(doc: unknown, schema: Schema, value: unknown, options: CheckOptions = {}, at = '$', holder?: Schema): Issue[] {
  const s = deref(doc, schema);
  if (value === null) {
    if (options.allowNull || mentionsNull(s) || (holder !== undefined && mentionsNull(holder))) return [];
    if (Array.isArray(s.allOf) && s.allOf.some((part) => isObj(part) && mentionsNull(deref(doc, part)))) return [];
    return [{ at, message: 'null not allowed' }];
  }
  const issues: Issue[] = [];
  if (Array.isArray(s.allOf)) {
    for (const part of s.allOf) if (isObj(part)) issues.push(...checkSchema(doc, part, value, options, at));
  }
  const alternatives = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : null;
  if (alternatives) {
    const results = alternatives.filter(isObj).map((alt) => checkSchema(doc, alt, value, options, at));
    if (!results.some((r) => r.length === 0)) {
      const best = results.reduce((a, b) => (b.length < a.length ? b : a), results[0] ?? []);
      issues.push({ at, message: `matches none of ${alternatives.length} alternatives` }, ...best);
    }
  }
  const type = s.type;
  if (type === 'object' || (type === undefined && isObj(s.properties))) {
    if (!isObj(value)) return [...issues, { at, message: `expected object, got ${typeof value}` }];
    const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
    for (const key of required) {
      if (!(key in value) && !options.ignoreRequired?.has(key)) issues.push({ at: `${at}.${key}`, message: 'required property missing' });
    }
    if (isObj(s.properties)) {
      for (const [key, sub] of Object.entries(s.properties)) {
        if (key in value && isObj(sub)) issues.push(...checkSchema(doc, sub, value[key], options, `${at}.${key}`, sub));
      }
    }
  } else if (type === 'array') {
    if (!Array.isArray(value)) return [...issues, { at, message: 'expected array' }];
    if (isObj(s.items)) {
      const items = s.items;
      value.forEach((item, i) => issues.push(...checkSchema(doc, items, item, options, `${at}[${i}]`)));
    }
  } else if (type === 'string') {
    if (typeof value !== 'string') issues.push({ at, message: `expected string, got ${typeof value}` });
    else if (Array.isArray(s.enum) && !s.enum.includes(value)) issues.push({ at, message: `"${value}" not in enum` });
  } else if (type === 'integer' || type === 'number') {
    if (typeof value !== 'number' || (type === 'integer' && !Number.isInteger(value))) issues.push({ at, message: `expected ${type}` });
    else {
      if (typeof s.minimum === 'number' && value < s.minimum) issues.push({ at, message: `below minimum ${s.minimum}` });
      if (typeof s.maximum === 'number' && value > s.maximum) issues.push({ at, message: `above maximum ${s.maximum}` });
    }
  } else if (type === 'boolean') {
    if (typeof value !== 'boolean') issues.push({ at, message: 'expected boolean' });
  }
  return issues;
}

/** The JSON schema of a response in the spec, or null when the spec does not describe that status. */
export function responseSchema(doc: unknown, path: string, method: string, status: number): Schema | null {
  if (!isObj(doc) || !isObj(doc.paths)) return null;
  const operation = (doc.paths[path] as Record<string, unknown> | undefined)?.[method.toLowerCase()];
  if (!isObj(operation) || !isObj(operation.responses)) return null;
  let response = operation.responses[String(status)];
  if (!isObj(response)) return null;
  if (typeof response.$ref === 'string') response = resolveRef(doc, response.$ref);
  const content = isObj(response) && isObj(response.content) ? response.content['application/json'] : undefined;
  return isObj(content) && isObj(content.schema) ? content.schema : null;
}
