/**
 * One Content-Security-Policy per shell, built here and nowhere else. The static handler sends it as a header
 * and writes it into every page's meta tag.
 *
 * - Electron pages talk to main over IPC: no `connect-src` at all, no loopback wildcard.
 * - The web preview talks over one WebSocket: exactly its own `ws://127.0.0.1:<port>`.
 * - Scripts: the app's own files, and the one inline script each page starts with (its SHA-256, shared/early-paint.ts).
 * - Album art: Spotify's CDN, plus the demo simulator's exact origin while demo mode serves art.
 */
export type ShellCsp =
  | { readonly shell: 'electron'; readonly demoArtOrigin: string | null }
  | { readonly shell: 'web'; readonly wsOrigin: string; readonly demoArtOrigin: string | null };

import { EARLY_PAINT_SCRIPT_HASH } from '../../shared/early-paint';

const SPOTIFY_ART = 'https://i.scdn.co';

/** A loopback http origin (the demo art server) or nothing: anything else could widen the policy. */
export function loopbackOrigin(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === '[::1]';
    // No port means the scheme's default (80), which a CSP source without a port matches exactly.
    return (parsed.protocol === 'http:' || parsed.protocol === 'ws:') && loopback && parsed.port !== '0'
      ? `${parsed.protocol}//${parsed.host}`
      : null;
  } catch {
    return null;
  }
}

export function rendererCsp(config: ShellCsp): string {
  const art = loopbackOrigin(config.demoArtOrigin);
  const img = ["'self'", 'data:', SPOTIFY_ART, ...(art ? [art] : [])].join(' ');
  const connect = config.shell === 'web' ? (loopbackOrigin(config.wsOrigin) ?? "'none'") : "'none'";
  return [
    "default-src 'none'",
    // Scripts from the app's origin, plus the pages' one inline script by its hash (no 'unsafe-inline').
    `script-src 'self' ${EARLY_PAINT_SCRIPT_HASH}`,
    "style-src 'self'",
    `img-src ${img}`,
    `connect-src ${connect}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
