import { assertNever } from '../../shared/assert-never';
import type { AppState } from '../../shared/state/app-state';
import type { Device, NowPlaying, PlayerAction, RepeatMode } from '../../shared/state/now-playing';

/** Things the tray menu can ask for; the composition root maps them to the dispatcher, auth and windows. */
export type TrayAction =
  | { readonly type: 'togglePlay' | 'next' | 'previous' | 'like' | 'unlike' | 'cycleRepeat' }
  | { readonly type: 'setShuffle'; readonly on: boolean }
  | { readonly type: 'setVolume'; readonly percent: number }
  | { readonly type: 'transfer'; readonly deviceId: string }
  | { readonly type: 'signIn' | 'signOut' | 'cancelSignIn' | 'showMain' | 'toggleMini' | 'quit' };

interface Clickable {
  readonly label: string;
  readonly action: TrayAction;
  readonly enabled: boolean;
  /** Why it is disabled, shown where the OS can (a sublabel or tooltip on macOS). */
  readonly disabledReason?: string;
}

export type TrayMenuItem =
  | { readonly kind: 'label'; readonly label: string }
  | ({ readonly kind: 'action' } & Clickable)
  | ({ readonly kind: 'checkbox'; readonly checked: boolean } & Clickable)
  | ({ readonly kind: 'radio'; readonly checked: boolean } & Clickable)
  | { readonly kind: 'submenu'; readonly label: string; readonly items: readonly TrayMenuItem[]; readonly enabled: boolean; readonly disabledReason?: string }
  | { readonly kind: 'separator' };

/** What the menu needs beyond the app state: the device list (fetched separately; null until known). */
export interface TrayMenuContext {
  readonly devices: readonly Device[] | null;
}

export const VOLUME_PRESETS = [0, 25, 50, 75, 100] as const;
const REPEAT_LABEL: Readonly<Record<RepeatMode, string>> = { off: 'Repeat: Off', context: 'Repeat: All', track: 'Repeat: One' };
const NOT_ALLOWED = 'Spotify does not allow this right now';

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

const clip = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The tray menu as data, rebuilt from state on every change. On Linux the tray's click is unreliable, so
 * everything the tray does is reachable from this menu. Disabled items carry the reason.
 */
export function trayMenu(state: AppState, context: TrayMenuContext = { devices: null }): readonly TrayMenuItem[] {
  const { nowPlaying, controls, notice } = state.playback;
  const item = nowPlaying.kind === 'item' ? nowPlaying : null;
  // Spotify's disallows apply in a private session too: it hides the item, not the controls.
  const withDisallows = item ?? (nowPlaying.kind === 'private' ? nowPlaying : null);
  const device = withDisallows?.device ?? (nowPlaying.kind === 'ad' ? nowPlaying.device : null);
  const blocked: string | null = controls.readOnly
    ? (controls.readOnlyReason ?? 'Controls are not available')
    : nowPlaying.kind === 'unavailable'
      ? nowPlaying.message
      : nowPlaying.kind === 'idle'
        ? 'Nothing is playing'
        : null;
  /** Null when allowed, otherwise why not. */
  const why = (action: PlayerAction): string | null => {
    if (blocked) return blocked;
    if (withDisallows) return withDisallows.disallows.includes(action) ? NOT_ALLOWED : null;
    // An ad: pausing is fine, skipping is not.
    return action === 'pause' || action === 'resume' ? null : 'Not during an advertisement';
  };
  const clickable = (label: string, action: TrayAction, reason: string | null): Clickable =>
    reason === null ? { label, action, enabled: true } : { label, action, enabled: false, disabledReason: clip(reason) };

  const playing = withDisallows?.isPlaying ?? (nowPlaying.kind === 'ad' && nowPlaying.isPlaying);
  const likeWhy = blocked ?? likeReason(nowPlaying);
  const volumeWhy = blocked ?? (device === null ? 'No device is active' : device.supportsVolume ? why('volume') : 'This device does not let apps change its volume');

  return [
    { kind: 'label', label: clip(nowPlayingLine(nowPlaying)) },
    ...(controls.readOnly && controls.readOnlyReason ? [{ kind: 'label' as const, label: clip(controls.readOnlyReason) }] : []),
    // The menu is rebuilt only on change, so no countdown here: the message alone says the line may be stale.
    ...(notice ? [{ kind: 'label' as const, label: clip(notice.message) }] : []),
    { kind: 'separator' },
    { kind: 'action', ...clickable(playing ? 'Pause' : 'Play', { type: 'togglePlay' }, why(playing ? 'pause' : 'resume')) },
    { kind: 'action', ...clickable('Next', { type: 'next' }, why('next')) },
    { kind: 'action', ...clickable('Previous', { type: 'previous' }, why('previous')) },
    item?.liked
      ? { kind: 'action', ...clickable('Remove from Liked Songs', { type: 'unlike' }, likeWhy) }
      : { kind: 'action', ...clickable('Save to Liked Songs', { type: 'like' }, likeWhy) },
    { kind: 'checkbox', checked: item?.shuffle ?? false, ...clickable('Shuffle', { type: 'setShuffle', on: !(item?.shuffle ?? false) }, item ? why('shuffle') : (blocked ?? NOT_ALLOWED)) },
    { kind: 'action', ...clickable(REPEAT_LABEL[item?.repeat ?? 'off'], { type: 'cycleRepeat' }, item ? why('repeat') : (blocked ?? NOT_ALLOWED)) },
    volumeMenu(device, volumeWhy),
    devicesMenu(context.devices, device, blocked ?? (withDisallows?.disallows.includes('transfer') ? NOT_ALLOWED : null), state),
    { kind: 'separator' },
    { kind: 'action', label: 'Mini-player', action: { type: 'toggleMini' }, enabled: true },
    { kind: 'action', label: 'Open Trayplay', action: { type: 'showMain' }, enabled: true },
    accountItem(state),
    { kind: 'separator' },
    { kind: 'action', label: 'Quit Trayplay', action: { type: 'quit' }, enabled: true },
  ];
}

function likeReason(nowPlaying: NowPlaying): string | null {
  if (nowPlaying.kind !== 'item') return 'Only Spotify tracks can be saved to Liked Songs';
  if (nowPlaying.item.type !== 'track' || nowPlaying.item.isLocal) return 'Only Spotify tracks can be saved to Liked Songs';
  return nowPlaying.liked === null ? 'Checking Liked Songs…' : null;
}

function volumeMenu(device: Device | null, reason: string | null): TrayMenuItem {
  if (reason !== null || device === null) return { kind: 'submenu', label: 'Volume', items: [], enabled: false, disabledReason: clip(reason ?? 'No device is active') };
  const current = device.volumePercent;
  return {
    kind: 'submenu',
    label: current === null ? 'Volume' : `Volume: ${current} %`,
    enabled: true,
    items: VOLUME_PRESETS.map((percent) => ({
      kind: 'radio' as const,
      label: percent === 0 ? 'Mute' : `${percent} %`,
      action: { type: 'setVolume' as const, percent },
      checked: current === percent,
      enabled: true,
    })),
  };
}

function devicesMenu(devices: readonly Device[] | null, active: Device | null, reason: string | null, state: AppState): TrayMenuItem {
  const signedOut = state.auth.kind === 'signedOut' || state.auth.kind === 'sessionEnded';
  if (signedOut) return { kind: 'submenu', label: 'Devices', items: [], enabled: false, disabledReason: 'Sign in to Spotify to see your devices' };
  const label = active ? clip(`Playing on ${active.name}`, 60) : 'Devices';
  if (devices === null) return { kind: 'submenu', label, items: [{ kind: 'label', label: 'Looking for devices…' }], enabled: true };
  const usable = devices.filter((d): d is Device & { id: string } => d.id !== null);
  if (usable.length === 0) return { kind: 'submenu', label, items: [{ kind: 'label', label: 'No devices — open Spotify on one' }], enabled: true };
  const activeId = active?.id ?? usable.find((d) => d.isActive)?.id ?? null;
  const controlsOff = state.playback.controls.readOnly;
  return {
    kind: 'submenu',
    label,
    enabled: true,
    items: usable.map((d) => {
      const own = d.isRestricted ? 'This device cannot be controlled from other apps' : controlsOff ? reason : d.id === activeId ? null : reason;
      return {
        kind: 'radio' as const,
        label: clip(`${d.name} (${d.type})`, 60),
        action: { type: 'transfer' as const, deviceId: d.id },
        checked: d.id === activeId,
        enabled: own === null,
        ...(own === null ? {} : { disabledReason: clip(own) }),
      };
    }),
  };
}

function accountItem(state: AppState): TrayMenuItem {
  switch (state.auth.kind) {
    case 'signedIn':
      return { kind: 'action', label: clip(`Sign out (${state.auth.account.displayName})`, 60), action: { type: 'signOut' }, enabled: true };
    case 'authorizing':
      return { kind: 'action', label: 'Cancel sign-in', action: { type: 'cancelSignIn' }, enabled: true };
    case 'demo':
    case 'signedOut':
    case 'sessionEnded':
      return { kind: 'action', label: 'Sign in to Spotify…', action: { type: 'signIn' }, enabled: true };
    default:
      return assertNever(state.auth, 'auth state');
  }
}
