import type { AppState } from '../../shared/state/app-state';
import type { Logger } from '../logging/logger';

export interface TrackNotice {
  readonly title: string;
  readonly body: string;
  /** Album or show art, fetched by the adapter (https, or the demo simulator on loopback). */
  readonly artUrl: string | null;
}

/** The OS's notifications (Electron's Notification in the app). */
export interface Notifier {
  /**
   * `stillWanted` is asked again right before the notice appears: the adapter may wait for album art,
   * and by then a Trayplay window may have focus or the track moved on.
   */
  show(notice: TrackNotice, stillWanted: () => boolean): void;
}

export interface TrackNotifierDeps {
  readonly notifier: Notifier;
  readonly enabled: () => boolean;
  /** A Trayplay window has the keyboard focus: the user is looking at the track already. */
  readonly windowFocused: () => boolean;
  readonly log: Logger;
}

/**
 * Track-change notifications: off unless chosen, quiet while a Trayplay window has focus, and never more than
 * one per track — re-observations, pause/resume, repeat-one and the optimistic display all keep the same
 * item, and only a different item playing counts as a change. The track playing at start is not a change.
 */
export class TrackNotifier {
  private lastUri: string | null = null;
  private seenAny = false;

  public constructor(private readonly deps: TrackNotifierDeps) {}

  /** A focus check that throws (a window being destroyed) counts as not focused, logged. */
  private focused(): boolean {
    try {
      return this.deps.windowFocused();
    } catch (cause) {
      this.deps.log.warn('window focus unknown', { error: cause instanceof Error ? cause.message : String(cause) });
      return false;
    }
  }

  /** Called on every state change; returns what it showed, if anything (tests, logs). */
  public noteState(state: AppState): TrackNotice | null {
    const np = state.playback.nowPlaying;
    if (np.kind !== 'item') return null;
    const uri = np.item.uri;
    if (uri === this.lastUri) return null;
    const first = !this.seenAny;
    this.seenAny = true;
    this.lastUri = uri;
    if (first || !np.isPlaying || !this.deps.enabled() || this.deps.windowFocused()) return null;
    const { item } = np;
    const notice: TrackNotice =
      item.type === 'track'
        ? { title: item.name, body: [item.artists.join(', '), item.album].filter(Boolean).join(' — '), artUrl: item.artUrl }
        : { title: item.name, body: item.show, artUrl: item.artUrl };
    try {
      this.deps.notifier.show(notice, () => this.lastUri === uri && this.deps.enabled() && !this.focused());
    } catch (cause) {
      this.deps.log.warn('notification not shown', { error: cause instanceof Error ? cause.message : String(cause) });
    }
    return notice;
  }
}
