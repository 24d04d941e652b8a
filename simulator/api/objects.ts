import type { SimContext } from '../context';
import type { Album, Artist, Episode, LocalTrack, Show, Track } from '../world/catalogue';
import type { DeviceState } from '../types';

// JSON objects in the Web API's shapes, minus the fields development mode removed in 2026
// (facts §3.3: popularity, available_markets, product, country, email, show publisher…).

const ART_SIZES = [640, 300, 64] as const;

function images(ctx: SimContext, kind: 'album' | 'show', id: string): Array<{ url: string; height: number; width: number }> {
  return ART_SIZES.map((size) => ({ url: `${ctx.baseUrl()}/art/${kind}/${id}/${size}.png`, height: size, width: size }));
}

function links(ctx: SimContext, type: string, id: string): { external_urls: { spotify: string }; href: string; id: string; uri: string } {
  return {
    external_urls: { spotify: `https://open.spotify.com/${type}/${id}` },
    href: `${ctx.baseUrl()}/v1/${type}s/${id}`,
    id,
    uri: `spotify:${type}:${id}`,
  };
}

export function artistJson(ctx: SimContext, artist: Artist): Record<string, unknown> {
  return { ...links(ctx, 'artist', artist.id), name: artist.name, type: 'artist' };
}

export function albumJson(ctx: SimContext, album: Album): Record<string, unknown> {
  const artist = ctx.catalogue.artists.get(album.artistId);
  return {
    album_type: album.albumType,
    total_tracks: album.trackUris.length,
    ...links(ctx, 'album', album.id),
    images: images(ctx, 'album', album.id),
    name: album.name,
    release_date: album.releaseDate,
    release_date_precision: 'day',
    type: 'album',
    artists: artist ? [artistJson(ctx, artist)] : [],
  };
}

export function trackJson(ctx: SimContext, track: Track): Record<string, unknown> {
  const album = ctx.catalogue.albums.get(track.albumId);
  const artist = ctx.catalogue.artists.get(track.artistId);
  return {
    album: album ? albumJson(ctx, album) : null,
    artists: artist ? [artistJson(ctx, artist)] : [],
    disc_number: 1,
    duration_ms: track.durationMs,
    explicit: track.explicit,
    external_ids: { isrc: `QZSIM${track.id.slice(0, 7).toUpperCase()}` },
    ...links(ctx, 'track', track.id),
    is_playable: true,
    name: track.name,
    preview_url: null,
    track_number: track.trackNumber,
    type: 'track',
    is_local: false,
  };
}

/** Local files: Spotify sends nulls for ids and links, and empty images. */
export function localTrackJson(track: LocalTrack): Record<string, unknown> {
  return {
    album: {
      album_type: null,
      total_tracks: null,
      external_urls: {},
      href: null,
      id: null,
      images: [],
      name: track.album,
      release_date: null,
      release_date_precision: null,
      type: 'album',
      uri: null,
      artists: [],
    },
    artists: [{ external_urls: {}, href: null, id: null, name: track.artist, type: 'artist', uri: null }],
    disc_number: 0,
    duration_ms: track.durationMs,
    explicit: false,
    external_ids: {},
    external_urls: {},
    href: null,
    id: null,
    is_playable: true,
    name: track.name,
    preview_url: null,
    track_number: 0,
    type: 'track',
    uri: track.uri,
    is_local: true,
  };
}

export function showJson(ctx: SimContext, show: Show): Record<string, unknown> {
  return {
    copyrights: [],
    description: `${show.name}: conversations about sound.`,
    html_description: `<p>${show.name}: conversations about sound.</p>`,
    explicit: false,
    ...links(ctx, 'show', show.id),
    images: images(ctx, 'show', show.id),
    is_externally_hosted: false,
    languages: ['en'],
    media_type: 'audio',
    name: show.name,
    total_episodes: show.episodeUris.length,
    type: 'show',
  };
}

export function episodeJson(ctx: SimContext, episode: Episode): Record<string, unknown> {
  const show = ctx.catalogue.shows.get(episode.showId);
  return {
    audio_preview_url: null,
    description: episode.description,
    html_description: `<p>${episode.description}</p>`,
    duration_ms: episode.durationMs,
    explicit: false,
    ...links(ctx, 'episode', episode.id),
    images: show ? images(ctx, 'show', show.id) : [],
    is_externally_hosted: false,
    is_playable: true,
    language: 'en',
    languages: ['en'],
    name: episode.name,
    release_date: episode.releaseDate,
    release_date_precision: 'day',
    type: 'episode',
    show: show ? showJson(ctx, show) : null,
  };
}

export function itemJson(ctx: SimContext, uri: string | null): Record<string, unknown> | null {
  if (uri === null) return null;
  const item = ctx.catalogue.items.get(uri);
  if (!item) return null;
  switch (item.kind) {
    case 'track':
      return trackJson(ctx, item);
    case 'episode':
      return episodeJson(ctx, item);
    case 'local':
      return localTrackJson(item);
  }
}

export function deviceJson(device: DeviceState): Record<string, unknown> {
  return {
    id: device.id,
    is_active: device.isActive,
    is_private_session: device.isPrivateSession,
    is_restricted: device.isRestricted,
    name: device.name,
    supports_volume: device.supportsVolume,
    type: device.type,
    volume_percent: device.volumePercent,
  };
}

export function contextJson(ctx: SimContext, contextUri: string | null): Record<string, unknown> | null {
  if (contextUri === null) return null;
  const [, type = '', id = ''] = contextUri.split(':');
  return {
    type,
    href: `${ctx.baseUrl()}/v1/${type === 'playlist' ? 'playlists' : `${type}s`}/${id}`,
    external_urls: { spotify: `https://open.spotify.com/${type}/${id}` },
    uri: contextUri,
  };
}

export function userJson(ctx: SimContext): Record<string, unknown> {
  const id = 'simlistener';
  return {
    display_name: ctx.scenario.accountName,
    external_urls: { spotify: `https://open.spotify.com/user/${id}` },
    href: `${ctx.baseUrl()}/v1/users/${id}`,
    id,
    images: [],
    type: 'user',
    uri: `spotify:user:${id}`,
  };
}
