import type { TrayplayApi } from '../../shared/contract';

type Level = 'debug' | 'info' | 'warn' | 'error';

const MAX = 2000;

/** Renders anything thrown as one line. */
export function describeError(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  if (typeof cause === 'string') return cause;
  try {
    return JSON.stringify(cause) ?? String(cause);
  } catch {
    return String(cause);
  }
}

/** Sends a log line to main's logger (the renderer never uses the console). */
export function logToMain(api: TrayplayApi, level: Level, message: string): void {
  try {
    api.app.log({ level, message: message.length > MAX ? `${message.slice(0, MAX - 1)}…` : message });
  } catch {
    // Logging must never break the UI.
  }
}

/** Forwards uncaught errors and rejections of a window to main. */
export function forwardWindowErrors(api: TrayplayApi, target: Window, origin: string): void {
  target.addEventListener('error', (event) => {
    logToMain(api, 'error', `[${origin}] uncaught: ${describeError(event.error ?? event.message)}`);
  });
  target.addEventListener('unhandledrejection', (event) => {
    logToMain(api, 'error', `[${origin}] unhandled rejection: ${describeError(event.reason)}`);
  });
}
