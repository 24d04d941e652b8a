import type { Logger, LogLevel } from './logger';

export interface LogBudget {
  /** Lines let through in a window; the rest are counted, not written. */
  readonly linesPerWindow: number;
  readonly windowMs: number;
  readonly now: () => number;
}

/** A compromised or looping renderer writes at most this much into main's log. */
export const RENDERER_LOG_BUDGET = { linesPerWindow: 120, windowMs: 60_000 } as const;

/**
 * A logger that writes at most `linesPerWindow` lines per window (for what the renderer sends over `app:log`,
 * which anything in the page can call in a loop). What it drops is said in one line when the next window opens.
 */
export function boundedLogger(inner: Logger, budget: LogBudget): Logger {
  let windowStart = budget.now();
  let used = 0;
  let dropped = 0;
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    const now = budget.now();
    if (now - windowStart >= budget.windowMs || now < windowStart) {
      if (dropped > 0) inner.warn('log lines dropped: over the budget', { dropped, windowMs: budget.windowMs });
      windowStart = now;
      used = 0;
      dropped = 0;
    }
    if (used >= budget.linesPerWindow) {
      dropped += 1;
      return;
    }
    used += 1;
    inner[level](message, fields);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (scope) => boundedLogger(inner.child(scope), budget),
  };
}
