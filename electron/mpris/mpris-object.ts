import type { Result } from '../../shared/result';
import type { PlaybackState, RepeatMode } from '../../shared/state/now-playing';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { BusInterface, BusObject, BusReply } from '../ports/media-bus';
import { progressAt } from '../spotify/mappers';

import { mprisCapabilities } from './capabilities';
import { trackIdPath } from './metadata';
import { DESKTOP_ENTRY, MPRIS_PATH, PLAYER_INTERFACE, ROOT_INTERFACE } from './mpris-names';
import { PLAYER_PROPERTIES, playerPropertiesAt } from './player-properties';
import { parseSpotifyUri } from './spotify-uri';

/** The playback engine's public commands the media session uses (PlaybackService implements them). */
export interface MprisPlayback {
  getState(): PlaybackState;
  togglePlay(): Promise<Result<null>>;
  next(): Promise<Result<null>>;
  previous(): Promise<Result<null>>;
  seek(positionMs: number): Promise<Result<null>>;
  setVolume(percent: number): Promise<Result<null>>;
  setShuffle(on: boolean): Promise<Result<null>>;
  cycleRepeat(): Promise<Result<null>>;
}

export interface MprisObjectDeps {
  readonly playback: MprisPlayback;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Shows the main window; null where there is none (CanRaise false). */
  readonly raise: (() => void) | null;
  /** Quits Trayplay; null where the bus may not do that (CanQuit false). */
  readonly quit: (() => void) | null;
  /** Plays a Spotify URI (the engine's playUri); null where there is none (SupportedUriSchemes empty, OpenUri NotSupported). */
  readonly openUri: ((uri: string) => Promise<Result<null>>) | null;
  /**
   * Told right after Seek/SetPosition handed the engine a seek (its optimistic position is shown by then), so
   * the caller can announce Seeked: a small seek would pass for clock drift if judged from state changes alone.
   */
  readonly onSeek?: () => void;
}

const done: BusReply = { ok: true, body: [] };
const invalidArgs = (message: string): BusReply => ({ ok: false, errorName: 'org.freedesktop.DBus.Error.InvalidArgs', message });

const NOT_SUPPORTED = 'org.mpris.MediaPlayer2.Error.NotSupported';
const notSupported = (message: string): BusReply => ({ ok: false, errorName: NOT_SUPPORTED, message });

/**
 * The engine's answer as a D-Bus reply: "this account or state cannot do that" as MPRIS's NotSupported,
 * anything else under app.trayplay.Error.<code>; the user-facing message either way.
 */
async function viaEngine(command: Promise<Result<null>>): Promise<BusReply> {
  const result = await command;
  if (result.ok) return done;
  const { code, message } = result.error;
  return code === 'read_only' || code === 'premium_required' ? notSupported(message) : { ok: false, errorName: `app.trayplay.Error.${code}`, message };
}

const REPEAT_FOR_LOOP: Readonly<Record<string, RepeatMode>> = { None: 'off', Playlist: 'context', Track: 'track' };

/**
 * Trayplay's MPRIS object: both interfaces, every property read from the engine's state at call time,
 * every method through the engine's commands (so coalescing, rollback and read-only rules hold). As the
 * spec asks, a method whose Can* is false has no effect.
 */
export function mprisObject(deps: MprisObjectDeps): BusObject {
  const { playback, clock } = deps;
  const state = (): PlaybackState => playback.getState();
  const can = () => mprisCapabilities(state());
  const isPlaying = (): boolean => {
    const np = state().nowPlaying;
    return (np.kind === 'item' || np.kind === 'ad' || np.kind === 'private') && np.isPlaying;
  };

  const root: BusInterface = {
    name: ROOT_INTERFACE,
    properties: {
      CanQuit: { signature: 'b', access: 'read' },
      CanRaise: { signature: 'b', access: 'read' },
      HasTrackList: { signature: 'b', access: 'read' },
      Identity: { signature: 's', access: 'read' },
      DesktopEntry: { signature: 's', access: 'read' },
      SupportedUriSchemes: { signature: 'as', access: 'read' },
      SupportedMimeTypes: { signature: 'as', access: 'read' },
    },
    read: () => ({
      CanQuit: { signature: 'b', value: deps.quit !== null },
      CanRaise: { signature: 'b', value: deps.raise !== null },
      HasTrackList: { signature: 'b', value: false },
      Identity: { signature: 's', value: 'Trayplay' },
      DesktopEntry: { signature: 's', value: DESKTOP_ENTRY },
      SupportedUriSchemes: { signature: 'as', value: deps.openUri ? ['spotify'] : [] },
      SupportedMimeTypes: { signature: 'as', value: [] },
    }),
    methods: {
      Raise: { inSignature: '', call: () => (deps.raise?.(), done) },
      Quit: { inSignature: '', call: () => (deps.quit?.(), done) },
    },
  };

  const loopTo = loopWriter(playback);
  const seekTo = (positionMs: number): Promise<BusReply> => {
    const command = playback.seek(positionMs);
    deps.onSeek?.();
    return viaEngine(command);
  };

  const player: BusInterface = {
    name: PLAYER_INTERFACE,
    properties: PLAYER_PROPERTIES,
    read: () => playerPropertiesAt(state(), clock.now()),
    write: (property, value) => {
      const caps = can();
      if (state().controls.readOnly) return done;
      switch (property) {
        case 'Volume': {
          if (typeof value !== 'number' || Number.isNaN(value)) return invalidArgs('Volume is a number from 0 to 1');
          if (!caps.canSetVolume) return done;
          return viaEngine(playback.setVolume(Math.round(Math.min(1, Math.max(0, value)) * 100)));
        }
        case 'Shuffle':
          if (typeof value !== 'boolean') return invalidArgs('Shuffle is a boolean');
          return caps.canShuffle ? viaEngine(playback.setShuffle(value)) : done;
        case 'Rate':
          // The spec: 0.0 acts as Pause; a rate outside MinimumRate..MaximumRate (both 1.0) is ignored.
          if (typeof value !== 'number' || Number.isNaN(value)) return invalidArgs('Rate is a number');
          return value === 0 && isPlaying() && caps.canPause ? viaEngine(playback.togglePlay()) : done;
        case 'LoopStatus': {
          const target = typeof value === 'string' ? REPEAT_FOR_LOOP[value] : undefined;
          if (!target) return invalidArgs('LoopStatus is None, Track or Playlist');
          return caps.canRepeat ? loopTo(target) : done;
        }
        default:
          return { ok: false, errorName: 'org.freedesktop.DBus.Error.PropertyReadOnly', message: `${property} is read-only` };
      }
    },
    methods: {
      Next: { inSignature: '', call: () => (can().canGoNext ? viaEngine(playback.next()) : done) },
      Previous: { inSignature: '', call: () => (can().canGoPrevious ? viaEngine(playback.previous()) : done) },
      Pause: { inSignature: '', call: () => (isPlaying() && can().canPause ? viaEngine(playback.togglePlay()) : done) },
      // Spotify has no stop: pausing is the nearest thing, and what Spotify's own client does.
      Stop: { inSignature: '', call: () => (isPlaying() && can().canPause ? viaEngine(playback.togglePlay()) : done) },
      Play: { inSignature: '', call: () => (!isPlaying() && can().canPlay ? viaEngine(playback.togglePlay()) : done) },
      PlayPause: {
        inSignature: '',
        call: () => {
          const caps = can();
          return (isPlaying() ? caps.canPause : caps.canPlay) ? viaEngine(playback.togglePlay()) : done;
        },
      },
      Seek: {
        inSignature: 'x',
        call: ([offset]) => {
          const np = state().nowPlaying;
          if (typeof offset !== 'number' || !can().canSeek || np.kind !== 'item') return done;
          const target = (progressAt(np, clock.now()) ?? 0) + offset / 1000;
          // The spec: past the end acts like Next; before the start seeks to 0.
          if (target >= np.item.durationMs) return can().canGoNext ? viaEngine(playback.next()) : done;
          return seekTo(Math.max(0, target));
        },
      },
      SetPosition: {
        inSignature: 'ox',
        call: ([trackId, position]) => {
          const np = state().nowPlaying;
          if (typeof position !== 'number' || !can().canSeek || np.kind !== 'item') return done;
          // A stale request for another track, or a position outside it, is ignored (the spec says so).
          if (trackId !== trackIdPath(np.item.uri) || position < 0 || position / 1000 > np.item.durationMs) return done;
          return seekTo(position / 1000);
        },
      },
      OpenUri: {
        inSignature: 's',
        call: ([text]) => {
          const uri = parseSpotifyUri(text);
          if (!uri) return invalidArgs('Trayplay opens Spotify URIs only (spotify:track:… or an open.spotify.com link)');
          if (!deps.openUri) return notSupported('Opening URIs is not supported yet');
          // No Can* covers OpenUri, so a read-only session says why instead of silently doing nothing.
          if (state().controls.readOnly) return notSupported(state().controls.readOnlyReason ?? 'Trayplay cannot control playback now');
          return viaEngine(deps.openUri(uri));
        },
      },
    },
    signals: { Seeked: 'x' },
  };

  return { path: MPRIS_PATH, interfaces: [root, player] };
}

/**
 * LoopStatus writes: the engine only cycles repeat (off → context → track), so one write is up to two cycles.
 * Writes run one after another through one chain, each aiming at the mode asked last — otherwise a write
 * that sees an earlier one's half-way state stops early and the earlier one then cycles past it.
 */
function loopWriter(playback: MprisPlayback): (target: RepeatMode) => Promise<BusReply> {
  let latest: RepeatMode = 'off';
  let chain: Promise<unknown> = Promise.resolve();
  const cycle = async (): Promise<BusReply> => {
    for (let i = 0; i < 2; i += 1) {
      const np = playback.getState().nowPlaying;
      if (np.kind !== 'item' || np.repeat === latest) return done;
      const reply = await viaEngine(playback.cycleRepeat());
      if (!reply.ok) return reply;
    }
    return done;
  };
  return (target) => {
    latest = target;
    const run = chain.then(cycle);
    chain = run.catch(() => undefined);
    return run;
  };
}
