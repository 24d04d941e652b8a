/**
 * Launch switches that open the app to another process: Chromium's DevTools protocol (a port or a pipe),
 * Node's inspector, and TLS checks turned off for Node's fetch. The fuses close some of these; a packaged
 * build refuses all of them rather than relying on each fuse being set in every packaging path.
 */
const SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'inspect-brk', 'inspect-port', 'inspect-publish-uid'] as const;

export interface DebugLaunchInput {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `app.isPackaged`. */
  readonly packaged: boolean;
  readonly platform: NodeJS.Platform;
}

/** What made a packaged launch refuse to start, by name only (never values); null when it may start. */
export interface DebugLaunchRefusal {
  readonly reasons: readonly string[];
}

/** The switch name an argument sets, as Chromium parses it (`--x`, `-x`, and `/x` on Windows; names are case-insensitive there). */
function switchName(arg: string, platform: NodeJS.Platform): string | null {
  const match = (platform === 'win32' ? /^(?:--|-|\/)([^=]+)/ : /^(?:--|-)([^=]+)/).exec(arg);
  if (!match) return null;
  return platform === 'win32' ? match[1]!.toLowerCase() : match[1]!;
}

export function debugLaunchRefusal(input: DebugLaunchInput): DebugLaunchRefusal | null {
  if (!input.packaged) return null;
  const reasons: string[] = [];
  // argv[0] is the executable; Chromium stops reading switches at "--".
  for (const arg of input.argv.slice(1)) {
    if (arg === '--') break;
    const name = switchName(arg, input.platform);
    if (name && (SWITCHES as readonly string[]).includes(name) && !reasons.includes(`--${name}`)) reasons.push(`--${name}`);
  }
  // Node disables certificate checks for "0"; anything but an explicit "1" is refused rather than interpreted.
  const tls = input.env.NODE_TLS_REJECT_UNAUTHORIZED;
  if (tls !== undefined && tls !== '1') reasons.push('NODE_TLS_REJECT_UNAUTHORIZED');
  return reasons.length > 0 ? { reasons } : null;
}

/** The one line a refused launch writes. */
export function debugRefusalLine(refusal: DebugLaunchRefusal): string {
  return `Trayplay will not start: ${refusal.reasons.join(', ')} would let another program control or intercept it. Start it without them.`;
}
