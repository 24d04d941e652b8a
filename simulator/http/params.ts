import { HttpFailure, apiError } from './errors';

/** Limits on untrusted input: Spotify answers 414/413 well before these. */
export const MAX_URL_BYTES = 8 * 1024;
export const MAX_BODY_BYTES = 64 * 1024;

/** A parameter bag that refuses repeated keys, as Spotify does for single-valued parameters. */
export class Params {
  private constructor(private readonly values: Map<string, string[]>) {}

  static from(search: URLSearchParams): Params {
    const values = new Map<string, string[]>();
    for (const [key, value] of search) {
      const list = values.get(key);
      if (list) list.push(value);
      else values.set(key, [value]);
    }
    return new Params(values);
  }

  /** The single value of `key`, undefined if absent; `onRepeat` decides the error for a repeated key. */
  one(key: string, onRepeat: () => Response): string | undefined {
    const list = this.values.get(key);
    if (!list) return undefined;
    if (list.length > 1) throw new HttpFailure(onRepeat());
    return list[0];
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }
}

/** Web API parameter: a repeated key is a 400 in the Web API shape. */
export function apiParam(params: Params, key: string): string | undefined {
  return params.one(key, () => apiError(400, `Duplicate parameter: ${key}`));
}

/** Reads at most MAX_BODY_BYTES, so a huge or endless body cannot exhaust memory. */
export async function readBody(request: Request): Promise<Uint8Array | 'too-large'> {
  if (!request.body) return new Uint8Array(0);
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    await request.body.cancel().catch(() => undefined);
    return 'too-large';
  }
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Parses a JSON body; empty is undefined; malformed throws a 400 like Spotify's. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) return undefined;
  const text = decodeUtf8(bytes);
  if (text === null || text.trim() === '') {
    if (text !== null) return undefined;
    throw new HttpFailure(apiError(400, 'Malformed json'));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpFailure(apiError(400, 'Malformed json'));
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strict non-negative integer in decimal, as query parameters must be. */
export function parseNonNegativeInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}
