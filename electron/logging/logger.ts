/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  readonly time: number;
  readonly level: LogLevel;
  readonly scope: string;
  readonly message: string;
  readonly fields?: Record<string, unknown>;
}

/** Where log lines go: stderr, a file, or an array in tests. Receives lines already redacted. */
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
  [
    /((?:access_token|refresh_token|code_verifier|code|id_token|client_secret|token)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
    '$1[redacted]',
  ],
];
/** Field names whose values are never written. */
const SECRET_KEYS = /token|secret|verifier|password|authorization|cookie|^code$/i;

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
  private readonly minLevel: number;
  private readonly now: () => number;

  public constructor(private readonly options: LoggerOptions) {
    this.minLevel = ORDER[options.minLevel ?? 'info'];
    this.now = options.now ?? Date.now;
  }

  /** Makes the logger replace this exact string wherever it appears. */
  public addSecret(secret: string): void {
    if (secret.length >= 8) this.secrets.add(secret);
  }

  public forgetSecret(secret: string): void {
    this.secrets.delete(secret);
  }

  public redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  public scope(scope: string): Logger {
    const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
      if (ORDER[level] < this.minLevel) return;
      const safeFields = fields ? this.redactFields(fields) : undefined;
      const record: LogRecord = { time: this.now(), level, scope, message: this.redact(message), fields: safeFields };
      const tail = safeFields && Object.keys(safeFields).length ? ` ${this.redact(JSON.stringify(safeFields))}` : '';
      this.options.sink(`${new Date(record.time).toISOString()} ${level.toUpperCase()} [${scope}] ${record.message}${tail}`, record);
    };
    return {
      debug: (m, f) => write('debug', m, f),
      info: (m, f) => write('info', m, f),
      warn: (m, f) => write('warn', m, f),
      error: (m, f) => write('error', m, f),
      child: (sub) => this.scope(`${scope}/${sub}`),
    };
  }

  private redactFields(fields: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) {
      out[key] = SECRET_KEYS.test(key)
        ? '[redacted]'
        : typeof value === 'string'
          ? this.redact(value)
          : value instanceof Error
            ? this.redact(value.message)
            : value;
    }
    return out;
  }
}

/** A sink that keeps lines in memory, for tests that scan logs for secrets. */
export function memorySink(): { sink: LogSink; lines: string[] } {
  const lines: string[] = [];
  return { sink: (line) => lines.push(line), lines };
}
