import type { Result } from '../../shared/result';
import type { DesktopStatus, MediaSessionStatus } from '../../shared/state/desktop';
import type { NowPlaying } from '../../shared/state/now-playing';
import type { Preferences } from '../../shared/state/preferences';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { BusValue, MediaBus } from '../ports/media-bus';

import { MPRIS_PATH, PLAYER_INTERFACE, SPOTIFY_BUS_NAME, TRAYPLAY_BUS_NAME, trayplayInstanceName } from './mpris-names';
import { mprisObject, type MprisPlayback } from './mpris-object';
import { changedProperties, playerProperties } from './player-properties';
import { positionUs, seekedTo } from './position';
import { localAppeared, localChanged, NO_LOCAL_CLIENT, type LocalClientView, type LocalHint } from './spotify-client';
import { hintWorthALook, localClientIsActive, localHintsTrusted, planMediaSession } from './step-back';

export interface MediaSessionPlayback extends MprisPlayback {
  onChange(listener: () => void): () => void;
}

export interface MediaSessionDeps {
  readonly bus: MediaBus;
  readonly playback: MediaSessionPlayback;
  readonly preferences: { values(): Preferences; onChange(listener: (preferences: Preferences) => void): () => void };
  readonly desktop: { get(): DesktopStatus; patch(patch: Partial<DesktopStatus>): void };
  readonly clock: Clock;
  readonly logger: Logger;
  readonly raise: (() => void) | null;
  readonly quit: (() => void) | null;
  readonly openUri?: ((uri: string) => Promise<Result<null>>) | null;
  /** One Web API read now; the engine coalesces and keeps its minimum gap. */
  readonly lookNow: () => void;
  /** Tells the refresh policy whether it may lean on the local client's signals (when the engine can). */
  readonly setLocalHints?: (trusted: boolean) => void;
  /** This computer's name: Spotify names its desktop device after it by default. */
  readonly hostname: string | null;
  /** Spotify Connect device ids known to be this computer's Spotify app (read on every decision). */
  readonly thisDeviceIds?: () => readonly string[];
  readonly pid: number;
}

export interface MediaSession {
  status(): MediaSessionStatus;
  local(): LocalClientView;
  /** Hears every change of the local client's view, with the hint it gave (benchmarks, tests). */
  onLocalChange(listener: (view: LocalClientView, hint: LocalHint | null) => void): () => void;
  /** Resolves once the publish/step-back work queued so far is done. */
  settled(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The Linux media session: publishes Trayplay over MPRIS while the preferences and the bus allow, keeps its
 * properties in step with the engine's state (PropertiesChanged on change, Seeked on jumps), and follows the
 * local Spotify client — its changes are reasons to look now, and while it is the active device Trayplay
 * steps back so the desktop shows one player.
 */
export function startMediaSession(deps: MediaSessionDeps): MediaSession {
  const { bus, playback, logger: log } = deps;
  const object = mprisObject({
    playback,
    clock: deps.clock,
    logger: log,
    raise: deps.raise,
    quit: deps.quit,
    openUri: deps.openUri ?? null,
    onSeek: () => onOwnSeek(),
  });
  const fallbackName = trayplayInstanceName(deps.pid);

  let status: MediaSessionStatus = { kind: 'off' };
  let local: LocalClientView = NO_LOCAL_CLIENT;
  let localActive = false;
  let hintsTrusted: boolean | null = null;
  let wantPublished = false;
  let lastProps: Record<string, BusValue> = playerProperties(playback.getState());
  let lastShown: NowPlaying = playback.getState().nowPlaying;
  /** The observation the last Seeked announced: an own seek and the state change it caused announce once. */
  let lastSeekedKey: string | null = null;
  let unwatch: (() => void) | null = null;
  let disposed = false;
  let chain: Promise<void> = Promise.resolve();
  const localListeners = new Set<(view: LocalClientView, hint: LocalHint | null) => void>();

  const publishedName = (): string | null => bus.publishedName(TRAYPLAY_BUS_NAME);
  const computeLocalActive = (): boolean =>
    localClientIsActive(playback.getState().nowPlaying, local, { hostname: deps.hostname, deviceIds: deps.thisDeviceIds?.() ?? [] });

  const setHints = (): void => {
    const trusted = localHintsTrusted(deps.preferences.values().mediaSession.followLocalClient, localActive);
    if (trusted === hintsTrusted) return;
    hintsTrusted = trusted;
    deps.setLocalHints?.(trusted);
  };

  const report = (): void => {
    const connection = bus.connection();
    deps.desktop.patch({
      mediaSession: status,
      // The hub replaces whole fields: keep the other parts' capabilities as they are.
      capabilities: {
        ...deps.desktop.get().capabilities,
        mediaSession: connection.kind === 'unavailable' ? { kind: 'unavailable', reason: connection.reason } : { kind: 'available' },
      },
      localClient: { present: local.present },
    });
  };

  const syncWatch = (follow: boolean): void => {
    if (follow && !unwatch) {
      unwatch = bus.watch(
        { name: SPOTIFY_BUS_NAME, path: MPRIS_PATH, interface: PLAYER_INTERFACE },
        {
          appeared: (properties) => onLocal(localAppeared(properties), 'appeared'),
          vanished: () => onLocal(NO_LOCAL_CLIENT, null),
          propertiesChanged: (changed) => {
            const next = localChanged(local, changed);
            if (next.view !== local) onLocal(next.view, next.hint);
          },
        },
      );
    } else if (!follow && unwatch) {
      unwatch();
      unwatch = null;
      onLocal(NO_LOCAL_CLIENT, null);
    }
  };

  const onLocal = (view: LocalClientView, hint: LocalHint | null): void => {
    const presenceChanged = view.present !== local.present;
    local = view;
    localActive = computeLocalActive();
    for (const listener of [...localListeners]) {
      try {
        listener(view, hint);
      } catch (cause) {
        log.error('a local client listener failed', { error: cause instanceof Error ? cause.message : String(cause) });
      }
    }
    if (hint && hintWorthALook(hint, local, localActive)) deps.lookNow();
    if (presenceChanged) log.info(view.present ? 'the Spotify app on this computer is on the bus' : 'the Spotify app on this computer left the bus');
    setHints();
    reconcile();
  };

  /** Publishes or steps back as the plan says; one at a time, in order. */
  const reconcile = (): void => {
    chain = chain
      .then(async () => {
        if (disposed) return;
        const prefs = deps.preferences.values().mediaSession;
        syncWatch(prefs.followLocalClient);
        localActive = computeLocalActive();
        setHints();
        const plan = planMediaSession({ publish: prefs.publish, followLocalClient: prefs.followLocalClient, connection: bus.connection(), localActive });
        if (plan.publish && bus.connection().kind !== 'connected') {
          // Asked for on "connected" (this runs again then), not handed to the adapter now: it restores kept
          // names on reconnect before we have seen whether the local app is back.
          wantPublished = true;
          status = plan.status;
        } else if (plan.publish) {
          const before = publishedName();
          wantPublished = true;
          const outcome = await bus.publish(TRAYPLAY_BUS_NAME, object, fallbackName);
          if (outcome.ok) {
            if (before === null) {
              // Listeners read everything on appearance; changes count from here.
              lastProps = playerProperties(playback.getState());
              lastShown = playback.getState().nowPlaying;
              log.info('published over MPRIS', { name: outcome.name });
            }
            status = { kind: 'published', busName: outcome.name };
          } else status = plan.status.kind === 'published' ? { kind: 'unavailable', reason: outcome.reason } : plan.status;
        } else {
          if (wantPublished) {
            wantPublished = false;
            await bus.unpublish(TRAYPLAY_BUS_NAME);
            if (plan.status.kind === 'steppedBack') log.info('stepped back from MPRIS: the local Spotify app is the active device');
          }
          status = plan.status;
        }
        report();
      })
      .catch((cause: unknown) => {
        log.error('media session update failed', { error: cause instanceof Error ? cause.message : String(cause) });
      });
  };

  const seekKey = (np: NowPlaying): string | null => (np.kind === 'item' ? `${np.item.uri}@${np.observedAt}:${np.progressMs}` : null);
  const announceSeeked = (np: NowPlaying, us: number): void => {
    const key = seekKey(np);
    if (key !== null && key === lastSeekedKey) return;
    lastSeekedKey = key;
    bus.signal(MPRIS_PATH, PLAYER_INTERFACE, 'Seeked', [{ signature: 'x', value: us }]);
  };

  /** Seek/SetPosition over MPRIS: announced however small, once the engine shows the new position. */
  const onOwnSeek = (): void => {
    const np = playback.getState().nowPlaying;
    if (publishedName() !== null && np.kind === 'item') announceSeeked(np, positionUs(np, deps.clock.now()));
    lastShown = np;
  };

  const onPlayback = (): void => {
    const state = playback.getState();
    const props = playerProperties(state);
    if (publishedName() !== null) {
      const changed = changedProperties(lastProps, props);
      if (Object.keys(changed).length > 0) bus.propertiesChanged(MPRIS_PATH, PLAYER_INTERFACE, changed);
      const seeked = seekedTo(lastShown, state.nowPlaying);
      // Judged with a tolerance: these are reads, whose timing jitters.
      if (seeked !== null) announceSeeked(state.nowPlaying, seeked);
    }
    lastProps = props;
    lastShown = state.nowPlaying;
    // The active device may have moved to or away from this computer: step back or come back.
    const active = computeLocalActive();
    if (active !== localActive) {
      localActive = active;
      setHints();
      reconcile();
    }
  };

  const offs = [
    playback.onChange(onPlayback),
    deps.preferences.onChange(() => reconcile()),
    bus.onConnection(() => reconcile()),
  ];
  reconcile();

  return {
    status: () => status,
    local: () => local,
    onLocalChange: (listener) => {
      localListeners.add(listener);
      return () => localListeners.delete(listener);
    },
    settled: () => chain,
    dispose: async () => {
      offs.forEach((off) => off());
      localListeners.clear();
      await chain;
      disposed = true;
      unwatch?.();
      unwatch = null;
      if (wantPublished) await bus.unpublish(TRAYPLAY_BUS_NAME);
    },
  };
}
