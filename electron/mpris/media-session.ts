import { hostname } from 'node:os';

import type { Result } from '../../shared/result';
import type { DesktopStatus } from '../../shared/state/desktop';
import type { Preferences } from '../../shared/state/preferences';
import { createDbusMediaBus } from '../adapters/dbus-media-bus';
import type { RootLogger } from '../logging/logger';
import type { Clock } from '../ports/clock';

import { startMediaSession, type MediaSession, type MediaSessionPlayback } from './media-session-service';

export interface MediaSessionOptions {
  readonly clock: Clock;
  readonly logger: RootLogger;
  readonly playback: MediaSessionPlayback & { wake(cause: 'local-hint'): void; setLocalHints(trusted: boolean): void };
  readonly preferences: { values(): Preferences; onChange(listener: (preferences: Preferences) => void): () => void };
  readonly desktop: { get(): DesktopStatus; patch(patch: Partial<DesktopStatus>): void };
  /** Shows the main window; null in shells without one. */
  readonly raise: (() => void) | null;
  readonly quit: (() => void) | null;
  /** Plays a Spotify URI for MPRIS OpenUri (PlaybackService.playUri); absent or null: OpenUri is NotSupported. */
  readonly openUri?: ((uri: string) => Promise<Result<null>>) | null;
  /** The session bus; default from the environment. null: none (feature off). */
  readonly address?: string | null;
  readonly platform?: NodeJS.Platform;
  /** This computer's name as Spotify's desktop device would be called; default os.hostname(). */
  readonly hostname?: string | null;
}

export interface MediaSessionHandle {
  /** Null where there is no media session (not Linux). */
  readonly session: MediaSession | null;
  dispose(): Promise<void>;
}

/**
 * Composes the media session for this platform: MPRIS over the session bus on Linux (Electron main and the
 * headless host alike). Other platforms say why not; docs/media-sessions.md sketches SMTC and macOS.
 */
export function startPlatformMediaSession(options: MediaSessionOptions): MediaSessionHandle {
  const platform = options.platform ?? process.platform;
  if (platform !== 'linux') {
    options.desktop.patch({
      capabilities: { ...options.desktop.get().capabilities, mediaSession: { kind: 'unavailable', reason: 'Media controls through Trayplay are Linux-only for now' } },
      mediaSession: { kind: 'unavailable', reason: 'Media controls through Trayplay are Linux-only for now' },
    });
    return { session: null, dispose: () => Promise.resolve() };
  }
  const bus = createDbusMediaBus({
    clock: options.clock,
    logger: options.logger.scope('mpris/bus'),
    ...(options.address !== undefined ? { address: options.address } : {}),
  });
  const session = startMediaSession({
    bus,
    playback: options.playback,
    preferences: options.preferences,
    desktop: options.desktop,
    clock: options.clock,
    logger: options.logger.scope('mpris'),
    raise: options.raise,
    quit: options.quit,
    openUri: options.openUri ?? null,
    lookNow: () => options.playback.wake('local-hint'),
    setLocalHints: (trusted) => options.playback.setLocalHints(trusted),
    hostname: options.hostname === undefined ? hostname() : options.hostname,
    pid: process.pid,
  });
  return {
    session,
    dispose: async () => {
      await session.dispose();
      await bus.dispose();
    },
  };
}
