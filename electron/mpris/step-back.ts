import type { MediaSessionStatus } from '../../shared/state/desktop';
import type { Device, NowPlaying } from '../../shared/state/now-playing';
import type { BusConnection } from '../ports/media-bus';

import type { LocalClientView, LocalHint } from './spotify-client';

/** What identifies the Spotify app on this computer among Spotify Connect devices. */
export interface ThisComputer {
  /** This host's name: Spotify names its desktop device after it by default. */
  readonly hostname: string | null;
  /** Device ids known to be the Spotify app here. No setting fills it yet (the app passes none); benchmarks and tests may. */
  readonly deviceIds: readonly string[];
}

/** Whether a Spotify Connect device is the Spotify app on this computer: a known id, or a computer named like this host (full or short name). */
export function isThisComputer(device: Device, here: ThisComputer): boolean {
  if (device.id !== null && here.deviceIds.includes(device.id)) return true;
  if (device.type.toLowerCase() !== 'computer' || !here.hostname) return false;
  // Spotify names the device after the short hostname where os.hostname() may give the full one.
  const full = here.hostname.trim().toLowerCase();
  const name = device.name.trim().toLowerCase();
  return name === full || name === full.split('.')[0];
}

/**
 * Whether the active Spotify Connect device is the Spotify app on this computer while it is on the bus.
 * The track is no evidence: Spotify Connect mirrors another device's playback into every client, so the
 * client here shows (and signals) the very track a different computer plays.
 */
export function localClientIsActive(nowPlaying: NowPlaying, local: LocalClientView, here: ThisComputer): boolean {
  if (!local.present) return false;
  const device = nowPlaying.kind === 'item' || nowPlaying.kind === 'private' || nowPlaying.kind === 'ad' ? nowPlaying.device : null;
  return device !== null && isThisComputer(device, here);
}

export interface MediaSessionInput {
  /** "Show in the system's media controls". */
  readonly publish: boolean;
  /** "Follow the Spotify app on this computer". */
  readonly followLocalClient: boolean;
  readonly connection: BusConnection;
  readonly localActive: boolean;
}

export interface MediaSessionPlan {
  /** Own the MPRIS name now. */
  readonly publish: boolean;
  readonly status: MediaSessionStatus;
}

export const STEP_BACK_REASON = 'The Spotify app on this computer is playing and shows in the media controls itself';

/**
 * Publish unless the user said no, the bus is not there, or the local Spotify app is the active device and
 * publishes itself — then Trayplay steps back so the desktop shows one player for one stream and media keys
 * go to one place. `busName` in the status is filled in by the caller once the name is owned.
 */
export function planMediaSession(input: MediaSessionInput): MediaSessionPlan {
  if (!input.publish) return { publish: false, status: { kind: 'off' } };
  if (input.connection.kind === 'unavailable') return { publish: false, status: { kind: 'unavailable', reason: input.connection.reason } };
  // Before "waiting for the bus": while (re)connecting the watches are followed first, and a local app seen
  // then must keep our name off the bus rather than have it taken for a moment.
  if (input.followLocalClient && input.localActive) return { publish: false, status: { kind: 'steppedBack', reason: STEP_BACK_REASON } };
  switch (input.connection.kind) {
    case 'connecting':
    case 'disconnected':
      // Wanted once the bus is there; the caller publishes when it is connected.
      return { publish: true, status: { kind: 'unavailable', reason: 'Waiting for the session bus' } };
    case 'connected':
      return { publish: true, status: { kind: 'published', busName: '' } };
  }
}

/**
 * Whether a signal from the local client is worth one Web API read. When it is the active device, any real
 * change is; otherwise only starting to play (playback may have just moved to this computer).
 */
export function hintWorthALook(hint: LocalHint, view: LocalClientView, localActive: boolean): boolean {
  if (localActive) return true;
  return hint === 'appeared' ? view.status === 'Playing' : hint === 'playState' && view.status === 'Playing';
}

/** Polling may lean on the local client's signals: it follows us, it is the active device, and it is there. */
export function localHintsTrusted(followLocalClient: boolean, localActive: boolean): boolean {
  return followLocalClient && localActive;
}
