import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The session bus address: DBUS_SESSION_BUS_ADDRESS, else systemd's $XDG_RUNTIME_DIR/bus, else none. */
export function sessionBusAddress(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.DBUS_SESSION_BUS_ADDRESS?.trim();
  if (fromEnv) return fromEnv;
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && existsSync(join(runtime, 'bus'))) return `unix:path=${join(runtime, 'bus')}`;
  return null;
}

/**
 * Whether the bus is reached through an abstract socket (`unix:abstract=…`, the first address the library
 * uses). Those live in a network namespace: from a sandbox (Flatpak, Snap) or a container without the host's
 * network one that cannot reach it the first time will never reach it, so retrying is pointless.
 */
export function isAbstractAddress(address: string): boolean {
  const first = address.split(';')[0] ?? '';
  return /^unix:(?:.*,)?abstract=/.test(first.trim());
}
