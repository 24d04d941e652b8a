import { assertNever } from '../../shared/assert-never';
import type { AppState } from '../../shared/state/app-state';
import type { NowPlaying } from '../../shared/state/now-playing';

/** Things the tray menu can ask for; the composition root maps them to services and windows. */
export type TrayAction = 'togglePlay' | 'next' | 'previous' | 'like' | 'unlike' | 'showMain' | 'toggleMini' | 'quit';

export type TrayMenuItem =
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'action'; readonly label: string; readonly action: TrayAction; readonly enabled: boolean }
  | { readonly kind: 'separator' };

/** One line for the tooltip and the menu's first row. */
export function nowPlayingLine(nowPlaying: NowPlaying): string {
  switch (nowPlaying.kind) {
    case 'idle':
      return 'Nothing playing';
    case 'item': {
      const { item } = nowPlaying;
      const by = item.type === 'track' ? item.artists.join(', ') : item.show;
      return `${nowPlaying.isPlaying ? '▶' : '❚❚'} ${item.name} — ${by}`;
    }
    case 'ad':
      return 'Advertisement';
    case 'private':
      return `${nowPlaying.isPlaying ? '▶' : '❚❚'} Private session on ${nowPlaying.device.name}`;
    case 'unavailable':
      return nowPlaying.message;
    default:
      return assertNever(nowPlaying, 'now-playing state');
  }
}

/**
 * The tray menu as data, rebuilt from state on every change. On Linux the tray's click is unreliable, so
 * everything the tray does is reachable from this menu.
 */
export function trayMenu(state: AppState): readonly TrayMenuItem[] {
  const { nowPlaying, controls, notice } = state.playback;
  const item = nowPlaying.kind === 'item' ? nowPlaying : null;
  // Spotify's disallows apply in a private session too: it hides the item, not the controls.
  const withDisallows = item ?? (nowPlaying.kind === 'private' ? nowPlaying : null);
  const can = (action: 'pause' | 'resume' | 'next' | 'previous'): boolean =>
    !controls.readOnly &&
    (withDisallows ? !withDisallows.disallows.includes(action) : nowPlaying.kind === 'ad' ? action !== 'next' && action !== 'previous' : false);
  const playing = withDisallows?.isPlaying ?? (nowPlaying.kind === 'ad' && nowPlaying.isPlaying);
  const likeable = !controls.readOnly && item !== null && item.item.type === 'track' && !item.item.isLocal && item.liked !== null;
  return [
    { kind: 'label', label: nowPlayingLine(nowPlaying).slice(0, 80) },
    ...(controls.readOnly && controls.readOnlyReason ? [{ kind: 'label' as const, label: controls.readOnlyReason.slice(0, 80) }] : []),
    // The menu is rebuilt only on change, so no countdown here: the message alone says the line may be stale.
    ...(notice ? [{ kind: 'label' as const, label: notice.message.slice(0, 80) }] : []),
    { kind: 'separator' },
    { kind: 'action', label: playing ? 'Pause' : 'Play', action: 'togglePlay', enabled: can(playing ? 'pause' : 'resume') },
    { kind: 'action', label: 'Next', action: 'next', enabled: can('next') },
    { kind: 'action', label: 'Previous', action: 'previous', enabled: can('previous') },
    item?.liked
      ? { kind: 'action', label: 'Remove from Liked Songs', action: 'unlike', enabled: likeable }
      : { kind: 'action', label: 'Save to Liked Songs', action: 'like', enabled: likeable },
    { kind: 'separator' },
    { kind: 'action', label: 'Mini-player', action: 'toggleMini', enabled: true },
    { kind: 'action', label: 'Open Trayplay', action: 'showMain', enabled: true },
    { kind: 'separator' },
    { kind: 'action', label: 'Quit Trayplay', action: 'quit', enabled: true },
  ];
}
