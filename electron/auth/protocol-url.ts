import { PROTOCOL_SCHEME } from './redirect-uris';

const PREFIX = `${PROTOCOL_SCHEME}://`;

/**
 * The `trayplay://` URL in a process's argv (cold start, `second-instance`). Found by its prefix: argv order
 * changes and Chromium appends flags, so the last element is not reliable.
 */
export function findProtocolUrl(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(PREFIX)) ?? null;
}
