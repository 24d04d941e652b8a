// Endpoints Spotify removed for development-mode apps in February 2026 (facts §3.3). They are not 404s:
// Spotify answers an authenticated request with 403 `{"error":{"status":403,"message":"Forbidden"}}`.

const ID = '[A-Za-z0-9]{1,64}';
const TYPE_LIBRARY = '(tracks|albums|episodes|shows|audiobooks)';

const REMOVED: ReadonlyArray<{ readonly methods: readonly string[]; readonly path: RegExp }> = [
  // Type-specific save/remove/contains: replaced by /me/library.
  { methods: ['PUT', 'DELETE'], path: new RegExp(`^/v1/me/${TYPE_LIBRARY}$`) },
  { methods: ['GET'], path: new RegExp(`^/v1/me/${TYPE_LIBRARY}/contains$`) },
  { methods: ['PUT', 'DELETE'], path: /^\/v1\/me\/following$/ },
  { methods: ['GET'], path: /^\/v1\/me\/following\/contains$/ },
  { methods: ['PUT', 'DELETE'], path: new RegExp(`^/v1/playlists/${ID}/followers$`) },
  { methods: ['GET'], path: new RegExp(`^/v1/playlists/${ID}/followers/contains$`) },
  // Renamed to /playlists/{id}/items.
  { methods: ['GET', 'POST', 'PUT', 'DELETE'], path: new RegExp(`^/v1/playlists/${ID}/tracks$`) },
  { methods: ['POST'], path: new RegExp(`^/v1/users/${ID}/playlists$`) },
  { methods: ['GET'], path: new RegExp(`^/v1/users/${ID}(/playlists)?$`) },
  { methods: ['GET'], path: new RegExp(`^/v1/artists/${ID}/top-tracks$`) },
  { methods: ['GET'], path: /^\/v1\/markets$/ },
  { methods: ['GET'], path: /^\/v1\/browse\/(new-releases|categories(\/[A-Za-z0-9_-]{1,64})?)$/ },
  // Multi-gets (`?ids=`); the single-item `/tracks/{id}` forms remain.
  { methods: ['GET'], path: /^\/v1\/(tracks|albums|artists|episodes|shows|audiobooks|chapters)$/ },
];

/** True when Spotify no longer serves this method and path to development-mode apps. */
export function isRemovedForDevMode(method: string, path: string): boolean {
  return REMOVED.some((r) => r.methods.includes(method) && r.path.test(path));
}
