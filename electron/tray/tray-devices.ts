import type { AppState } from '../../shared/state/app-state';
import type { Device } from '../../shared/state/now-playing';
import type { PlaybackFacade } from '../core/facades';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';

/** Looking again sooner than this only when the active device or the account changed. */
export const DEVICES_MIN_INTERVAL_MS = 30_000;

/**
 * The device list for the tray's devices submenu. `/me/player/devices` costs a request, so it is fetched when
 * the account or the active device changes, after a transfer, and when a menu opens (at most every 30 s).
 */
export class TrayDevices {
  private devices: Device[] | null = null;
  private lastKey: string | null = null;
  private lastFetchAt: number | null = null;
  private fetching: Promise<void> | null = null;

  public constructor(
    private readonly deps: {
      readonly playback: Pick<PlaybackFacade, 'listDevices'>;
      readonly clock: Clock;
      readonly log: Logger;
      readonly onChange: () => void;
    },
  ) {}

  public current(): readonly Device[] | null {
    return this.devices;
  }

  /** Called on every state change: a new account or active device means a new list. */
  public noteState(state: AppState): void {
    const { auth, playback } = state;
    const np = playback.nowPlaying;
    const activeId = np.kind === 'item' || np.kind === 'private' ? np.device.id : np.kind === 'ad' ? (np.device?.id ?? null) : null;
    const signedIn = auth.kind === 'signedIn' || auth.kind === 'demo';
    const key = JSON.stringify([auth.kind, signedIn ? activeId : null]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (!signedIn) {
      if (this.devices !== null) {
        this.devices = null;
        this.deps.onChange();
      }
      return;
    }
    void this.refresh(true);
  }

  public refresh(force = false): Promise<void> {
    if (this.fetching) return this.fetching;
    const now = this.deps.clock.now();
    if (!force && this.lastFetchAt !== null && now - this.lastFetchAt < DEVICES_MIN_INTERVAL_MS) return Promise.resolve();
    this.lastFetchAt = now;
    this.fetching = this.deps.playback
      .listDevices()
      .then((result) => {
        if (!result.ok) {
          this.deps.log.info('devices not listed', { error: result.error.code });
          return;
        }
        if (JSON.stringify(result.value) === JSON.stringify(this.devices)) return;
        this.devices = result.value;
        this.deps.onChange();
      })
      .catch((cause: unknown) => this.deps.log.warn('devices lookup threw', { error: cause instanceof Error ? cause.message : String(cause) }))
      .finally(() => {
        this.fetching = null;
      });
    return this.fetching;
  }
}
