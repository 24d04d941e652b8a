import { parseSpotifyUri } from './spotify-uri';

/**
 * What the local Spotify desktop client says about itself over MPRIS, filtered for its known quirks: Position
 * is often 0 and never updated, Shuffle/LoopStatus are unsupported, Metadata signals repeat, `mpris:length`
 * comes as `t` or `x`, and it sends no Seeked. So only the play state and the track are read, and only as a
 * hint that something changed — never as what is playing.
 */
export type LocalStatus = 'Playing' | 'Paused' | 'Stopped';

export interface LocalClientView {
  readonly present: boolean;
  readonly status: LocalStatus | null;
  /** spotify:track:…, spotify:episode:… or spotify:ad:…; null when it shares none. */
  readonly trackUri: string | null;
  /** The track before the last change: the Web API may still show it for a moment. */
  readonly previousTrackUri: string | null;
}

export const NO_LOCAL_CLIENT: LocalClientView = { present: false, status: null, trackUri: null, previousTrackUri: null };

/** Why the local client's signal is worth a look: its track changed, or its play state did. */
export type LocalHint = 'appeared' | 'track' | 'playState';

interface Readings {
  status?: LocalStatus;
  /** Present when Metadata was in the bag; null: it had no usable track. */
  trackUri?: string | null;
}

/** Reads a property bag (GetAll or PropertiesChanged) from an untrusted player. Never throws. */
export function readLocalProperties(bag: unknown): Readings {
  if (bag === null || typeof bag !== 'object' || Array.isArray(bag)) return {};
  const record = bag as Record<string, unknown>;
  const out: Readings = {};
  const status = record.PlaybackStatus;
  if (status === 'Playing' || status === 'Paused' || status === 'Stopped') out.status = status;
  if ('Metadata' in record) out.trackUri = trackUriOf(record.Metadata);
  return out;
}

/** The track as a URI, from `mpris:trackid` (/com/spotify/track/<id> or, in old clients, spotify:track:<id>) or `xesam:url`. */
export function trackUriOf(metadata: unknown): string | null {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return null;
  const m = metadata as Record<string, unknown>;
  const id = m['mpris:trackid'];
  if (typeof id === 'string') {
    const path = /^\/com\/spotify\/(track|episode|ad)\/([A-Za-z0-9]+)$/.exec(id);
    if (path) return `spotify:${path[1]}:${path[2]}`;
    if (/^spotify:ad:[A-Za-z0-9]+$/.test(id)) return id;
    const uri = parseSpotifyUri(id);
    if (uri) return uri;
  }
  return parseSpotifyUri(m['xesam:url']);
}

/** The client appeared on the bus (with its GetAll, or null if that failed). */
export function localAppeared(bag: unknown): LocalClientView {
  const read = readLocalProperties(bag);
  return { present: true, status: read.status ?? null, trackUri: read.trackUri ?? null, previousTrackUri: null };
}

/**
 * A PropertiesChanged from the client: the new view, and a hint when the track or play state really changed
 * (a repeated Metadata signal for the same track gives none).
 */
export function localChanged(view: LocalClientView, bag: unknown): { readonly view: LocalClientView; readonly hint: LocalHint | null } {
  if (!view.present) return { view, hint: null };
  const read = readLocalProperties(bag);
  let next = view;
  let hint: LocalHint | null = null;
  if (read.trackUri !== undefined && read.trackUri !== null && read.trackUri !== view.trackUri) {
    next = { ...next, trackUri: read.trackUri, previousTrackUri: view.trackUri };
    hint = 'track';
  }
  if (read.status !== undefined && read.status !== view.status) {
    next = { ...next, status: read.status };
    hint ??= 'playState';
  }
  return { view: next, hint };
}
