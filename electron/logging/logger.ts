/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  readonly time: number;
  readonly level: LogLevel;
  readonly scope: string;
  readonly message: string;
  readonly fields?: Record<string, unknown>;
}

/**
 * Where log lines go: stderr, a file, or an array in tests. The line and the record are both redacted, and
 * neither carries a control character (a message cannot forge a second line).
 */
export type LogSink = (line: string, record: LogRecord) => void;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger for a sub-module: `auth` → `auth/refresh`. */
  child(scope: string): Logger;
}

/** Secrets in well-known shapes, whatever the caller forgot to register. */
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]'],
  [/(Basic\s+)[A-Za-z0-9+/=]+/gi, '$1[redacted]'],
  // Spotify's token shapes (refresh `AQ…`, access `BQ…`), even once they have aged out of the secret list.
  // No boundary before it: after `%3D` (or double-encoded `%253D`) the token follows a letter or digit. A
  // long word that merely contains `AQ`/`BQ` is redacted too; a lost diagnostic beats a leaked token.
  [/(?:AQ|BQ)[A-Za-z0-9_-]{40,}/g, '[redacted]'],
  [
    /((?:access_token|refresh_token|code_verifier|code|id_token|client_secret|token)(?:["']|%22)?\s*(?:[:=]|%3[aAdD])\s*(?:["']|%22)?)(?:(?!%26|%22)[^"'&\s,}%])+(?:%(?!26|22)[0-9A-Fa-f]{2}(?:(?!%26|%22)[^"'&\s,}%])*)*/gi,
    '$1[redacted]',
  ],
];
/** Field names whose values are never written. */
const SECRET_KEYS = /token|secret|verifier|password|authorization|cookie|^code$|^key$/i;
/**
 * Registered secrets kept (most recent first out last). Access tokens rotate hourly; without a bound the list
 * grows for as long as the app runs, and every line pays for every token ever seen. Aged-out Spotify tokens
 * are still caught by their shape (PATTERNS); `addPermanentSecret` is for the few that must never age out.
 */
export const MAX_SECRETS = 64;
const MAX_DEPTH = 4;

/** Control characters (and the JS line separators) written as escapes: one record is always one line. */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

export type { SecretRole } from '../ports/secret-registry';
import type { SecretRole } from '../ports/secret-registry';

export interface LoggerOptions {
  readonly sink: LogSink;
  readonly minLevel?: LogLevel;
  readonly now?: () => number;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * The one logger: prefixed per module, redacting registered secrets and token-shaped strings before a line
 * reaches any sink. Register every token as soon as it is known (`redactor.add`).
 */
export class RootLogger {
  private readonly secrets = new Set<string>();
  private readonly permanent = new Set<string>();
  /** The secret currently in use per role (access token, refresh token): outside the bound. */
  private readonly inUse = new Map<SecretRole, string>();
  private readonly minLevel: number;
  private readonly now: () => number;

  public constructor(private readonly options: LoggerOptions) {
    this.minLevel = ORDER[options.minLevel ?? 'info'];
    this.now = options.now ?? Date.now;
  }

  /** Makes the logger replace this exact string wherever it appears (among the last MAX_SECRETS registered). */
  public addSecret(secret: string, role?: SecretRole): void {
    if (secret.length < 8 || this.permanent.has(secret)) return;
    if (role) {
      // The one in use for this role is never evicted; the one it replaces is rotated out (the bounded list).
      const previous = this.inUse.get(role);
      this.inUse.set(role, secret);
      this.secrets.delete(secret);
      if (previous === undefined || previous === secret || [...this.inUse.values()].includes(previous)) return;
      secret = previous;
    }
    // Re-registering makes it recent again.
    this.secrets.delete(secret);
    this.secrets.add(secret);
    while (this.secrets.size > MAX_SECRETS) {
      const oldest = this.secrets.values().next().value;
      if (oldest === undefined) break;
      this.secrets.delete(oldest);
    }
  }

  /** A secret for the whole run (the web preview's launch secret): never ages out. */
  public addPermanentSecret(secret: string): void {
    if (secret.length < 8) return;
    this.secrets.delete(secret);
    this.permanent.add(secret);
  }

  public forgetSecret(secret: string): void {
    this.secrets.delete(secret);
    for (const [role, value] of this.inUse) if (value === secret) this.inUse.delete(role);
  }

  /** How many secrets are registered (tests check the bound). */
  public secretCount(): number {
    return new Set([...this.secrets, ...this.permanent, ...this.inUse.values()]).size;
  }

  public redact(text: string): string {
    let out = text;
    for (const secret of this.permanent) out = out.split(secret).join('[redacted]');
    for (const secret of this.inUse.values()) out = out.split(secret).join('[redacted]');
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  public scope(scope: string): Logger {
    const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
      if (ORDER[level] < this.minLevel) return;
      const safeFields = fields ? (this.redactValue(fields, 0) as Record<string, unknown>) : undefined;
      const record: LogRecord = {
        time: this.now(),
        level,
        scope: escapeControl(scope),
        message: escapeControl(this.redact(message)),
        fields: safeFields,
      };
      // JSON.stringify escapes control characters; redact again for secrets split across fields.
      const tail = safeFields && Object.keys(safeFields).length ? ` ${escapeControl(this.redact(stringify(safeFields)))}` : '';
      this.options.sink(`${new Date(record.time).toISOString()} ${level.toUpperCase()} [${record.scope}] ${record.message}${tail}`, record);
    };
    return {
      debug: (m, f) => write('debug', m, f),
      info: (m, f) => write('info', m, f),
      warn: (m, f) => write('warn', m, f),
      error: (m, f) => write('error', m, f),
      child: (sub) => this.scope(`${scope}/${sub}`),
    };
  }

  /** A redacted copy, at any depth: secret-named keys masked, strings redacted, errors reduced to their message. */
  private redactValue(value: unknown, depth: number): unknown {
    // Fields reach "Copy diagnostics" as well as the line: escaped too, so they hold no raw control character.
    if (typeof value === 'string') return escapeControl(this.redact(value));
    if (value instanceof Error) return escapeControl(this.redact(value.message));
    if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? String(value) : value;
    if (depth >= MAX_DEPTH) return '[…]';
    if (Array.isArray(value)) return value.slice(0, 50).map((item) => this.redactValue(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value).slice(0, 50)) {
      // Names go through the same redaction as values; two names redacted alike must not overwrite each other.
      const name = escapeControl(this.redact(key));
      let unique = name;
      for (let n = 2; Object.hasOwn(out, unique); n += 1) unique = `${name}#${n}`;
      out[unique] = SECRET_KEYS.test(key) ? '[redacted]' : this.redactValue(item, depth + 1);
    }
    return out;
  }
}

/** JSON that never throws (BigInt, cycles are cut at MAX_DEPTH already). */
function stringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
  } catch {
    return '"[unserialisable]"';
  }
}

/** A sink that keeps lines in memory, for tests that scan logs for secrets. */
export function memorySink(): { sink: LogSink; lines: string[] } {
  const lines: string[] = [];
  return { sink: (line) => lines.push(line), lines };
}
