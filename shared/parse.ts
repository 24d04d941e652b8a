import type { z } from 'zod';

import { fail, ok, type Result } from './result';

/** Input from another process, the network or disk: it must be typed `unknown` before it is parsed. */
export type Untrusted = unknown;

/** One line naming each failing field, for logs and error replies. Never echoes values (they may be secrets). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Parsed, or the failing fields in one line (`describeIssues`). */
export type Parsed<T> = Result<T, string>;

/** Parses untrusted input without throwing. */
export function parseUnknown<S extends z.ZodType>(schema: S, input: Untrusted): Parsed<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : fail(describeIssues(parsed.error));
}
