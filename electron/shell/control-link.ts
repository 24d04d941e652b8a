import { PROTOCOL_SCHEME } from '../auth/redirect-uris';

import type { ShellCommand } from './shell-command';

/**
 * `trayplay://control/<name>` links and `trayplay --<name>` flags, from other programs (desktop keyboard
 * settings, scripts, Shortcuts.app) through the single-instance lock or a cold start. Untrusted input: only
 * these harmless commands get through, spelled exactly so; anything else is refused and logged.
 */
export const CONTROL_NAMES = ['play-pause', 'next', 'previous', 'like', 'unlike', 'volume-up', 'volume-down', 'show-mini'] as const;
export type ControlName = (typeof CONTROL_NAMES)[number];

export const CONTROL_COMMANDS: Readonly<Record<ControlName, ShellCommand>> = {
  'play-pause': 'playPause',
  next: 'next',
  previous: 'previous',
  like: 'like',
  unlike: 'unlike',
  'volume-up': 'volumeUp',
  'volume-down': 'volumeDown',
  'show-mini': 'showMini',
};

const CONTROL_PREFIX = `${PROTOCOL_SCHEME}://control`;
/** Longer than any real link: a megabyte of argv is not worth a regex. */
const MAX_INPUT = 200;

export type ControlParse =
  | { readonly kind: 'command'; readonly command: ShellCommand; readonly name: ControlName; readonly via: 'link' | 'flag' }
  | { readonly kind: 'rejected'; readonly reason: string; readonly via: 'link' | 'flag' }
  /** Nothing addressed to control here (a sign-in callback, Chromium's own flags, …). */
  | { readonly kind: 'none' };

const isControlName = (name: string): name is ControlName => (CONTROL_NAMES as readonly string[]).includes(name);

/** Whether a URL is meant for control (so the sign-in handler never sees it). */
export function isControlLink(url: string): boolean {
  return url.slice(0, CONTROL_PREFIX.length + 1).toLowerCase() === `${CONTROL_PREFIX}/` || url.toLowerCase() === CONTROL_PREFIX;
}

/** One `trayplay://control/<name>` link; scheme and host are case-insensitive, the name is not. */
export function parseControlLink(url: string): ControlParse {
  if (!isControlLink(url)) return { kind: 'none' };
  if (url.length > MAX_INPUT) return { kind: 'rejected', reason: 'link too long', via: 'link' };
  const rest = url.slice(CONTROL_PREFIX.length + 1);
  // One trailing slash is what some launchers add; nothing else (no query, fragment, further path, escapes).
  const name = rest.endsWith('/') ? rest.slice(0, -1) : rest;
  if (!isControlName(name)) return { kind: 'rejected', reason: 'not a control command', via: 'link' };
  return { kind: 'command', command: CONTROL_COMMANDS[name], name, via: 'link' };
}

/** One `--<name>` flag. Other flags (Chromium's, `--hidden`) are not ours: `none`. */
export function parseControlFlag(arg: string): ControlParse {
  if (!arg.startsWith('--') || arg.length > MAX_INPUT) return { kind: 'none' };
  const name = arg.slice(2);
  return isControlName(name) ? { kind: 'command', command: CONTROL_COMMANDS[name], name, via: 'flag' } : { kind: 'none' };
}

/**
 * The control request in a process's argv (cold start or `second-instance`): the first link or flag that is
 * one. A refused control link is reported so it can be logged; later requests in the same argv are ignored,
 * so one launch runs at most one command.
 */
export function findControlRequest(argv: readonly string[]): ControlParse {
  let rejected: ControlParse | null = null;
  for (const arg of argv) {
    const parsed = isControlLink(arg) ? parseControlLink(arg) : parseControlFlag(arg);
    if (parsed.kind === 'command') return parsed;
    if (parsed.kind === 'rejected' && rejected === null) rejected = parsed;
  }
  return rejected ?? { kind: 'none' };
}
