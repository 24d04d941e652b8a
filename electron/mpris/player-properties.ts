import type { PlaybackState, RepeatMode } from '../../shared/state/now-playing';
import type { BusProperty, BusValue } from '../ports/media-bus';

import { mprisCapabilities } from './capabilities';
import { mprisMetadata } from './metadata';
import { positionUs } from './position';

export const LOOP_STATUS: Readonly<Record<RepeatMode, 'None' | 'Playlist' | 'Track'>> = { off: 'None', context: 'Playlist', track: 'Track' };

/** The Player interface's properties and their access, for serving and introspection. */
export const PLAYER_PROPERTIES: Readonly<Record<string, BusProperty>> = {
  PlaybackStatus: { signature: 's', access: 'read' },
  LoopStatus: { signature: 's', access: 'readwrite' },
  Rate: { signature: 'd', access: 'readwrite' },
  Shuffle: { signature: 'b', access: 'readwrite' },
  Metadata: { signature: 'a{sv}', access: 'read' },
  Volume: { signature: 'd', access: 'readwrite' },
  Position: { signature: 'x', access: 'read' },
  MinimumRate: { signature: 'd', access: 'read' },
  MaximumRate: { signature: 'd', access: 'read' },
  CanGoNext: { signature: 'b', access: 'read' },
  CanGoPrevious: { signature: 'b', access: 'read' },
  CanPlay: { signature: 'b', access: 'read' },
  CanPause: { signature: 'b', access: 'read' },
  CanSeek: { signature: 'b', access: 'read' },
  CanControl: { signature: 'b', access: 'read' },
};

export type PlaybackStatus = 'Playing' | 'Paused' | 'Stopped';

export function playbackStatus(playback: PlaybackState): PlaybackStatus {
  const np = playback.nowPlaying;
  if (np.kind === 'item' || np.kind === 'ad' || np.kind === 'private') return np.isPlaying ? 'Playing' : 'Paused';
  return 'Stopped';
}

/** Every Player property except Position (which is never signalled, only read). */
export function playerProperties(playback: PlaybackState): Record<string, BusValue> {
  const np = playback.nowPlaying;
  const can = mprisCapabilities(playback);
  const device = np.kind === 'item' || np.kind === 'private' ? np.device : np.kind === 'ad' ? np.device : null;
  const b = (value: boolean): BusValue => ({ signature: 'b', value });
  return {
    PlaybackStatus: { signature: 's', value: playbackStatus(playback) },
    LoopStatus: { signature: 's', value: LOOP_STATUS[np.kind === 'item' ? np.repeat : 'off'] },
    Rate: { signature: 'd', value: 1 },
    Shuffle: b(np.kind === 'item' ? np.shuffle : false),
    Metadata: { signature: 'a{sv}', value: mprisMetadata(np) },
    // Unknown volume reads as full: the spec has no "unknown", and 0 would look muted.
    Volume: { signature: 'd', value: device?.volumePercent != null ? device.volumePercent / 100 : 1 },
    MinimumRate: { signature: 'd', value: 1 },
    MaximumRate: { signature: 'd', value: 1 },
    CanGoNext: b(can.canGoNext),
    CanGoPrevious: b(can.canGoPrevious),
    CanPlay: b(can.canPlay),
    CanPause: b(can.canPause),
    CanSeek: b(can.canSeek),
    // An intrinsic capability the spec says does not change (and is never signalled): Trayplay can be
    // controlled; a read-only moment turns the other Can* flags off instead.
    CanControl: b(true),
  };
}

/** What to read on Get/GetAll: the properties plus Position computed now. */
export function playerPropertiesAt(playback: PlaybackState, now: number): Record<string, BusValue> {
  return { ...playerProperties(playback), Position: { signature: 'x', value: positionUs(playback.nowPlaying, now) } };
}

/** The properties whose value differs (compared as JSON), for one PropertiesChanged. */
export function changedProperties(before: Readonly<Record<string, BusValue>>, after: Readonly<Record<string, BusValue>>): Record<string, BusValue> {
  const out: Record<string, BusValue> = {};
  for (const [name, value] of Object.entries(after)) {
    const old = before[name];
    if (!old || JSON.stringify(old) !== JSON.stringify(value)) out[name] = value;
  }
  return out;
}
