import type { RepeatState } from '../types';
import type { Catalogue } from './catalogue';

// The playback clock as pure functions over plain data: the state after a given time follows from the
// state before it, replaying each natural item end at its exact time. trackBoundaries() runs these on a copy.

const MAX_SETTLE_STEPS = 100_000;

export type ItemKind = 'track' | 'episode' | 'local' | 'ad';

export interface Current {
  kind: ItemKind;
  uri: string | null;
  durationMs: number;
}

/** Plain data, so trackBoundaries() can run the clock on a copy. */
export interface PlayState {
  current: Current | null;
  contextUri: string | null;
  contextItems: string[];
  /** Play order: indices into contextItems (shuffled or natural). */
  order: number[];
  /** Position in `order` of the current context item (the last one played when the current item is from the queue or an ad). */
  orderPos: number;
  queue: string[];
  isPlaying: boolean;
  /** Progress = anchorPosition + (now - anchorTime) while playing. */
  anchorTime: number;
  anchorPosition: number;
  shuffle: boolean;
  repeat: RepeatState;
  /** Last state change (Spotify's `timestamp`). */
  changedAt: number;
}

export function currentOf(catalogue: Catalogue, uri: string): Current | null {
  const item = catalogue.items.get(uri);
  if (!item) return null;
  return { kind: item.kind, uri: item.uri, durationMs: item.durationMs };
}

export function progressOf(s: PlayState, now: number): number {
  if (!s.current) return 0;
  const raw = s.isPlaying ? s.anchorPosition + Math.max(0, now - s.anchorTime) : s.anchorPosition;
  return Math.min(Math.max(0, raw), s.current.durationMs);
}

export function hasNext(s: PlayState): boolean {
  if (!s.current) return false;
  return s.queue.length > 0 || s.orderPos + 1 < s.order.length || (s.repeat === 'context' && s.order.length > 0);
}

export function hasPrevious(s: PlayState): boolean {
  if (!s.current || s.current.kind === 'ad') return false;
  return s.orderPos > 0 || (s.repeat === 'context' && s.order.length > 1);
}

/** Moves to the next item at time `at`: queue first, then the context; wraps on repeat-context; stops at the end. */
export function stepForward(s: PlayState, at: number, catalogue: Catalogue): 'moved' | 'stopped' {
  const queued = s.queue.shift();
  let next: Current | null = null;
  if (queued !== undefined) {
    next = currentOf(catalogue, queued);
  } else if (s.orderPos + 1 < s.order.length) {
    s.orderPos += 1;
    next = resolveOrder(s, catalogue);
  } else if (s.repeat === 'context' && s.order.length > 0) {
    s.orderPos = 0;
    next = resolveOrder(s, catalogue);
  }
  s.anchorTime = at;
  s.anchorPosition = 0;
  s.changedAt = at;
  if (!next) {
    // End of context: back to its first item, paused, as the desktop client does.
    s.orderPos = s.order.length > 0 ? 0 : -1;
    s.current = resolveOrder(s, catalogue) ?? s.current;
    s.isPlaying = false;
    return 'stopped';
  }
  s.current = next;
  return 'moved';
}

function resolveOrder(s: PlayState, catalogue: Catalogue): Current | null {
  const uri = s.contextItems[s.order[s.orderPos] ?? -1];
  if (uri === undefined) return null;
  return currentOf(catalogue, uri);
}

/** Replays natural item ends up to `now`; calls `onChange` with each boundary's exact time. */
export function advanceClock(
  s: PlayState,
  now: number,
  catalogue: Catalogue,
  onChange: (at: number, fromUri: string | null, toUri: string | null, stopped: boolean) => void,
): 'ok' | 'overflow' {
  for (let step = 0; step < MAX_SETTLE_STEPS; step++) {
    if (!s.isPlaying || !s.current) return 'ok';
    const end = s.anchorTime + (s.current.durationMs - s.anchorPosition);
    if (end > now) return 'ok';
    const from = s.current.uri;
    if (s.repeat === 'track' && s.current.kind !== 'ad') {
      s.anchorTime = end;
      s.anchorPosition = 0;
      s.changedAt = end;
      onChange(end, from, from, false);
      continue;
    }
    const result = stepForward(s, end, catalogue);
    onChange(end, from, s.current?.uri ?? null, result === 'stopped');
  }
  return 'overflow';
}
