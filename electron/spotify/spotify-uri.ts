/** Kinds of Spotify URI a player can be asked to open. */
const OPENABLE = ['track', 'episode', 'album', 'playlist', 'artist', 'show'] as const;
const ID = /^[A-Za-z0-9]{22}$/;
const CANONICAL = /^spotify:(track|episode|album|playlist|artist|show):[A-Za-z0-9]{22}$/;

/** What `PUT /me/player/play` is given for a URI: items go in `uris`, everything else is a `context_uri`. */
export type PlayTarget = { readonly uris: readonly [string] } | { readonly context_uri: string };

/**
 * The play body for a canonical Spotify URI (`spotify:<kind>:<22 base62>`), or null for anything else: the
 * engine takes no links or loose text, only what `parseSpotifyUri` (or a caller) already normalised.
 */
export function playTargetOf(uri: unknown): PlayTarget | null {
  if (typeof uri !== 'string' || !CANONICAL.test(uri)) return null;
  return uri.startsWith('spotify:track:') || uri.startsWith('spotify:episode:') ? { uris: [uri] } : { context_uri: uri };
}

/**
 * A Spotify URI from untrusted text (MPRIS OpenUri, a local client's metadata): `spotify:track:<id>`, or the
 * same as an open.spotify.com link (query and intl-xx prefix ignored). Null for anything else.
 */
export function parseSpotifyUri(text: unknown): string | null {
  if (typeof text !== 'string' || text.length > 512) return null;
  const trimmed = text.trim();
  const colon = /^spotify:([a-z]+):([A-Za-z0-9]+)$/.exec(trimmed);
  if (colon) return openable(colon[1], colon[2]);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname !== 'open.spotify.com') return null;
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0]?.startsWith('intl-')) parts.shift();
  if (parts.length !== 2) return null;
  return openable(parts[0], parts[1]);
}

function openable(kind: string | undefined, id: string | undefined): string | null {
  if (!kind || !id || !ID.test(id) || !(OPENABLE as readonly string[]).includes(kind)) return null;
  return `spotify:${kind}:${id}`;
}
