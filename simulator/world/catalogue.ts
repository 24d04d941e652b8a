import { base62Id, createRng } from './random';

// A small, seeded music world: albums of realistic track lengths, a playlist, a podcast, a local file and an ad.

export interface Artist { id: string; name: string }
export interface Album {
  id: string;
  name: string;
  artistId: string;
  releaseDate: string;
  albumType: 'album' | 'single' | 'compilation';
  trackUris: string[];
  /** Hue (0–359) of the generated cover. */
  hue: number;
}
export interface Track {
  kind: 'track';
  id: string;
  uri: string;
  name: string;
  durationMs: number;
  trackNumber: number;
  albumId: string;
  artistId: string;
  explicit: boolean;
}
export interface Episode {
  kind: 'episode';
  id: string;
  uri: string;
  name: string;
  durationMs: number;
  showId: string;
  releaseDate: string;
  description: string;
}
export interface Show { id: string; name: string; publisher: string; episodeUris: string[]; hue: number }
export interface Playlist { id: string; name: string; trackUris: string[] }
export interface LocalTrack { kind: 'local'; uri: string; name: string; artist: string; album: string; durationMs: number }
export interface Ad { kind: 'ad'; uri: null; name: string; durationMs: number }

export type PlayableItem = Track | Episode | LocalTrack;

export interface Catalogue {
  artists: Map<string, Artist>;
  albums: Map<string, Album>;
  shows: Map<string, Show>;
  playlists: Map<string, Playlist>;
  items: Map<string, PlayableItem>;
  local: LocalTrack;
  ad: Ad;
  /** The default context the world starts in. */
  defaultContextUri: string;
  /** Track URIs of a context (album, playlist, artist, show); undefined if unknown. */
  contextItems(contextUri: string): string[] | undefined;
}

const ADJECTIVES = ['Velvet', 'Neon', 'Quiet', 'Golden', 'Paper', 'Silver', 'Midnight', 'Electric', 'Hollow', 'Amber', 'Distant', 'Glass'];
const NOUNS = ['Harbor', 'Satellites', 'Orchard', 'Lanterns', 'Rivers', 'Static', 'Summer', 'Horizons', 'Echoes', 'Tides', 'Gardens', 'Signals'];
const ARTISTS = ['The Lumen Tides', 'Mara Okafor', 'Northbound Static', 'Juniper & Vale', 'Kasimir Lind'];

export function createCatalogue(seed: number): Catalogue {
  const rng = createRng(seed);
  const artists = new Map<string, Artist>();
  const albums = new Map<string, Album>();
  const items = new Map<string, PlayableItem>();
  const title = (): string => `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;

  for (const [i, artistName] of ARTISTS.entries()) {
    const artist: Artist = { id: base62Id(rng), name: artistName };
    artists.set(artist.id, artist);
    const album: Album = {
      id: base62Id(rng),
      name: title(),
      artistId: artist.id,
      releaseDate: `${2012 + i * 3}-0${1 + (i % 9)}-1${i % 10}`,
      albumType: i === 4 ? 'single' : 'album',
      trackUris: [],
      hue: (i * 67 + rng.int(0, 40)) % 360,
    };
    const count = album.albumType === 'single' ? 2 : rng.int(6, 10);
    for (let n = 1; n <= count; n++) {
      const id = base62Id(rng);
      // Realistic lengths: 2:20 to 5:40, in whole milliseconds.
      const track: Track = {
        kind: 'track',
        id,
        uri: `spotify:track:${id}`,
        name: title(),
        durationMs: rng.int(140_000, 340_000),
        trackNumber: n,
        albumId: album.id,
        artistId: artist.id,
        explicit: rng.next() < 0.15,
      };
      items.set(track.uri, track);
      album.trackUris.push(track.uri);
    }
    albums.set(album.id, album);
  }

  const show: Show = { id: base62Id(rng), name: 'Signal Path', publisher: 'Trayplay Audio', episodeUris: [], hue: 200 };
  for (let n = 1; n <= 3; n++) {
    const id = base62Id(rng);
    const episode: Episode = {
      kind: 'episode',
      id,
      uri: `spotify:episode:${id}`,
      name: `Episode ${n}: ${title()}`,
      durationMs: rng.int(1_500_000, 3_600_000),
      showId: show.id,
      releaseDate: `2026-0${n}-15`,
      description: 'A conversation about sound, software and small tools.',
    };
    items.set(episode.uri, episode);
    show.episodeUris.push(episode.uri);
  }
  const shows = new Map([[show.id, show]]);

  const allTracks = [...items.values()].filter((item): item is Track => item.kind === 'track').map((t) => t.uri);
  const playlist: Playlist = { id: base62Id(rng), name: 'Tray Mix', trackUris: rng.shuffle(allTracks).slice(0, 12) };
  const playlists = new Map([[playlist.id, playlist]]);

  const local: LocalTrack = {
    kind: 'local',
    uri: 'spotify:local:Garage+Band:Basement+Tapes:Demo+Take+3:187',
    name: 'Demo Take 3',
    artist: 'Garage Band',
    album: 'Basement Tapes',
    durationMs: 187_000,
  };
  items.set(local.uri, local);

  const firstAlbum = [...albums.values()][0];
  if (!firstAlbum) throw new Error('empty catalogue');

  return {
    artists,
    albums,
    shows,
    playlists,
    items,
    local,
    ad: { kind: 'ad', uri: null, name: 'Advertisement', durationMs: 30_000 },
    defaultContextUri: `spotify:album:${firstAlbum.id}`,
    contextItems(contextUri: string): string[] | undefined {
      const match = /^spotify:(album|playlist|artist|show):([A-Za-z0-9]{1,64})$/.exec(contextUri);
      if (!match) return undefined;
      const [, type = '', id = ''] = match;
      switch (type) {
        case 'album':
          return albums.get(id)?.trackUris;
        case 'playlist':
          return playlists.get(id)?.trackUris;
        case 'show':
          return shows.get(id)?.episodeUris;
        case 'artist': {
          if (!artists.has(id)) return undefined;
          return [...albums.values()].filter((a) => a.artistId === id).flatMap((a) => a.trackUris);
        }
        default:
          return undefined;
      }
    },
  };
}
