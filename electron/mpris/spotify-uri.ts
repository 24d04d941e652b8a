// The parser lives with the Web API code (the playback engine validates OpenUri targets with it too).
export { parseSpotifyUri } from '../spotify/spotify-uri';
