import { createCatalogue } from '../world/catalogue';

/** The default world (seed 1) as plain lists, for tests that need real URIs. */
export function catalogue(seed = 1): { albumUris: string[]; playlistUris: string[]; episodeUris: string[]; playlistId: string } {
  const c = createCatalogue(seed);
  const playlist = [...c.playlists.values()][0];
  return {
    albumUris: [...c.albums.values()].map((a) => `spotify:album:${a.id}`),
    playlistUris: playlist?.trackUris ?? [],
    episodeUris: [...c.shows.values()].flatMap((s) => s.episodeUris),
    playlistId: playlist?.id ?? '',
  };
}
