import { assertNever } from '../../shared/assert-never';
import type { NowPlaying } from '../../shared/state/now-playing';
import { progressAt } from '../spotify/mappers';

import type { PlayerCommand } from './commands';

/** Spotify's previous restarts the current track when it has played longer than this. */
export const PREVIOUS_RESTARTS_AFTER_MS = 3_000;

/**
 * What the display should show right after `command`, before Spotify confirms it. Pure. Commands whose
 * result cannot be known (next: which track?) leave the state as it is; the confirming fetch shows it.
 */
export function applyOptimistic(state: NowPlaying, command: PlayerCommand, now: number): NowPlaying {
  if (state.kind === 'private') return applyToPrivate(state, command);
  if (state.kind !== 'item') return state;
  // Replayed over an observation newer than the command, the command acts "now" as far as that observation goes.
  const at = Math.max(now, state.observedAt);
  const rebased = (progressMs: number, isPlaying: boolean, when = at): NowPlaying => ({ ...state, progressMs, isPlaying, observedAt: when });
  const current = progressAt(state, at) ?? state.progressMs;
  switch (command.kind) {
    case 'play':
      return rebased(current, true);
    case 'open':
      // What will play is not known until the confirming read; that it plays is.
      return rebased(current, true);
    case 'pause':
      return rebased(current, false);
    case 'seek':
      // The position is what it was when the user let go, so it is anchored to the command's own time.
      return rebased(Math.min(command.positionMs, state.item.durationMs || command.positionMs), state.isPlaying, now);
    case 'previous':
      return current > PREVIOUS_RESTARTS_AFTER_MS ? rebased(0, state.isPlaying) : state;
    case 'next':
      return state;
    case 'volume':
      return { ...state, device: { ...state.device, volumePercent: command.percent } };
    case 'shuffle':
      return { ...state, shuffle: command.on };
    case 'repeat':
      return { ...state, repeat: command.mode };
    case 'like':
      return state.item.uri === command.uri ? { ...state, liked: command.liked } : state;
    case 'transfer': {
      if (command.device === null) return state;
      const device = { ...command.device, isActive: true };
      return { ...state, device, isPlaying: command.play ?? state.isPlaying, progressMs: current, observedAt: at };
    }
  }
}

/** A private session shows no item or position: only playing/paused and the volume can be known ahead. */
function applyToPrivate(state: Extract<NowPlaying, { kind: 'private' }>, command: PlayerCommand): NowPlaying {
  switch (command.kind) {
    case 'play':
    case 'open':
      return { ...state, isPlaying: true };
    case 'pause':
      return { ...state, isPlaying: false };
    case 'volume':
      return { ...state, device: { ...state.device, volumePercent: command.percent } };
    case 'seek':
    case 'previous':
    case 'next':
    case 'shuffle':
    case 'repeat':
    case 'like':
    case 'transfer':
      return state;
    default:
      return assertNever(command, 'command');
  }
}

/** A command not yet confirmed, applied over every new observation until a fetch that started after it answers. */
export interface PendingCommand {
  readonly id: number;
  readonly command: PlayerCommand;
  readonly issuedAt: number;
  /** When Spotify accepted it (204), or null while in flight. */
  settledAt: number | null;
}

/**
 * The displayed state: the last observation with every still-unconfirmed command replayed on top, in the
 * order they were issued. A failed command is simply removed from the list, which is the rollback.
 */
export function withPending(observed: NowPlaying, pending: readonly PendingCommand[], now: number): NowPlaying {
  let state = observed;
  for (const entry of pending) state = applyOptimistic(state, entry.command, Math.min(entry.issuedAt, now));
  return state;
}

/**
 * Keeps the commands an observation made at `fetchStartedAt` cannot have seen yet. Spotify applies a command
 * some hundred ms after its 204, so only a read that left `applyLagMs` after the 204 confirms it.
 */
export function unconfirmed(pending: readonly PendingCommand[], fetchStartedAt: number, applyLagMs: number): PendingCommand[] {
  return pending.filter((entry) => entry.settledAt === null || entry.settledAt + applyLagMs > fetchStartedAt);
}
