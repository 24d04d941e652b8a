/** Every scope Trayplay asks for, in one place: playback state and control, and the Like button. */
export const REQUESTED_SCOPES: readonly string[] = [
  'user-read-playback-state',
  'user-modify-playback-state',
  'user-read-currently-playing',
  'user-library-read',
  'user-library-modify',
];

/** Scopes as Spotify returns them (space-separated), de-duplicated and sorted. */
export function parseScopes(scope: string | undefined | null): string[] {
  return [...new Set((scope ?? '').split(' ').filter((s) => s.length > 0))].sort();
}
