/** MPRIS 2.2 names (https://specifications.freedesktop.org/mpris-spec/latest/). */
export const MPRIS_PREFIX = 'org.mpris.MediaPlayer2';
export const MPRIS_PATH = '/org/mpris/MediaPlayer2';
export const ROOT_INTERFACE = 'org.mpris.MediaPlayer2';
export const PLAYER_INTERFACE = 'org.mpris.MediaPlayer2.Player';
/** The spec's object path for "no track". */
export const NO_TRACK = '/org/mpris/MediaPlayer2/TrackList/NoTrack';

export const TRAYPLAY_BUS_NAME = `${MPRIS_PREFIX}.trayplay`;
/** What the spec suggests when another instance already owns the name. */
export const trayplayInstanceName = (pid: number): string => `${TRAYPLAY_BUS_NAME}.instance${pid}`;
export const SPOTIFY_BUS_NAME = `${MPRIS_PREFIX}.spotify`;
/** The desktop entry's basename (package.json desktopName without `.desktop`): desktops show its icon. */
export const DESKTOP_ENTRY = 'app.trayplay.Trayplay';
