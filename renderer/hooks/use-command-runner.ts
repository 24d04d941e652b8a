import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';

import type { TrayplayApi } from '../../shared/contract';
import type { AppError, Result } from '../../shared/result';
import { logToMain } from '../bridge/log';

export interface CommandError extends AppError {
  /** Which action failed, e.g. `next`. */
  readonly action: string;
  /** Distinguishes two errors with the same text, so the banner restarts its timer. */
  readonly serial: number;
  /** Runs the failed call once more (the banner's "Try again"). */
  readonly retry: () => void;
}

export interface CommandRunner {
  /** Runs a call; a failure becomes the banner's error. Resolves true when it succeeded. */
  readonly run: (action: string, call: () => Promise<Result<unknown>>) => Promise<boolean>;
  readonly error: CommandError | null;
  readonly dismiss: () => void;
  /** Actions waiting for their reply, so their buttons can show it. */
  readonly busy: ReadonlySet<string>;
}

/** Runs commands for one window and keeps the last error for the inline banner. */
export function useCommandRunner(api: TrayplayApi): CommandRunner {
  const [error, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(() => new Set());
  const serial = useRef(0);

  const mark = useCallback((action: string, on: boolean) => {
    setBusy((current) => {
      const next = new Set(current);
      if (on) next.add(action);
      else next.delete(action);
      return next;
    });
  }, []);

  const run = useCallback(
    async (action: string, call: () => Promise<Result<unknown>>): Promise<boolean> => {
      mark(action, true);
      try {
        const reply = await call();
        if (reply.ok) {
          setError((current) => (current?.action === action ? null : current));
          return true;
        }
        serial.current += 1;
        setError({ ...reply.error, action, serial: serial.current, retry: () => void runRef.current(action, call) });
        if (reply.error.code === 'transport' || reply.error.code === 'internal' || reply.error.code === 'invalid_reply')
          logToMain(api, 'warn', `${action} failed: ${reply.error.code} ${reply.error.message}`);
        return false;
      } finally {
        mark(action, false);
      }
    },
    [api, mark],
  );

  const runRef = useRef(run);
  runRef.current = run;
  const dismiss = useCallback(() => setError(null), []);
  return useMemo(() => ({ run, error, dismiss, busy }), [run, error, dismiss, busy]);
}

export const CommandContext = createContext<CommandRunner | null>(null);

export function useCommands(): CommandRunner {
  const runner = useContext(CommandContext);
  if (runner === null) throw new Error('useCommands outside of a CommandContext provider');
  return runner;
}
