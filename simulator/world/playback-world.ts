import type { DeviceState, SimEvent, TrackBoundary } from '../types';
import type { Catalogue } from './catalogue';
import type { Current, PlayState } from './clock';
import { advanceClock, currentOf, hasNext, hasPrevious, progressOf } from './clock';
import type { Rng } from './random';

// The playback world as reads see it: the state (computed lazily, no timers: every read or command first
// "settles" it up to now, see clock.ts), the event log, and the views held back by the command apply lag.
// The commands that change it are in playback.ts.

const MAX_EVENTS = 10_000;
/** Commands not yet visible in reads; a runaway client cannot grow this without bound. */
const MAX_HELD = 200;

/** What reads see at a moment: the world as it is, or as it was before commands not applied yet. */
export interface PlaybackView {
  readonly state: PlayState;
  readonly devices: readonly DeviceState[];
  activeDevice(): DeviceState | undefined;
  disallows(): Record<string, boolean>;
}

/** A before-image; from `viewBefore`, `appliesAt` is when it was taken (`holdView` adds the lag). */
export interface HeldView {
  readonly appliesAt: number;
  readonly state: PlayState;
  readonly devices: DeviceState[];
}

/** The world and its reads; `Playback` adds the commands. */
export class PlaybackWorld {
  readonly devices: DeviceState[];
  protected state: PlayState;
  private readonly log: SimEvent[] = [];
  private readonly listeners = new Set<(event: SimEvent) => void>();
  /** Before-images of commands answered but not yet applied as far as reads go, oldest first. */
  private readonly held: HeldView[] = [];

  constructor(
    protected readonly catalogue: Catalogue,
    protected readonly rng: Rng,
    devices: DeviceState[],
    startAt: number,
    startPlaying: boolean,
  ) {
    this.devices = devices;
    this.state = {
      current: null,
      contextUri: null,
      contextItems: [],
      order: [],
      orderPos: -1,
      queue: [],
      isPlaying: false,
      anchorTime: startAt,
      anchorPosition: 0,
      shuffle: false,
      repeat: 'off',
      changedAt: startAt,
    };
    if (startPlaying) {
      const computer = devices[0];
      if (computer) computer.isActive = true;
      this.loadContext(catalogue.defaultContextUri, 0, 0, startAt);
      this.state.isPlaying = true;
    }
  }

  // ---- reading ----

  activeDevice(): DeviceState | undefined {
    return this.devices.find((d) => d.isActive);
  }

  device(id: string): DeviceState | undefined {
    return this.devices.find((d) => d.id === id);
  }

  /** Brings the world up to `now`, emitting the track changes that happened meanwhile. */
  settle(now: number): PlayState {
    const emitted = advanceClock(this.state, now, this.catalogue, (at, from, to, stopped) => {
      this.emit({ at, kind: stopped ? 'stopped' : 'track-change', source: 'clock', itemUri: to, detail: from ?? undefined });
    });
    if (emitted === 'overflow') {
      // Absurd clock jumps: restart the current item rather than replay years of playback.
      this.state.anchorTime = now;
      this.state.anchorPosition = 0;
    }
    return this.state;
  }

  progress(now: number): number {
    const s = this.settle(now);
    return progressOf(s, now);
  }

  /** Exact times the item changes between from and to, if nobody acts (computed on a copy). */
  boundaries(from: number, to: number): TrackBoundary[] {
    const copy = structuredClone(this.state);
    advanceClock(copy, from, this.catalogue, () => undefined);
    const out: TrackBoundary[] = [];
    advanceClock(copy, to, this.catalogue, (at, fromUri, toUri) => {
      if (out.length < MAX_EVENTS) out.push({ at, fromUri, toUri });
    });
    return out;
  }

  upcoming(now: number, limit: number): string[] {
    const s = this.settle(now);
    const out = [...s.queue];
    for (let i = s.orderPos + 1; i < s.order.length && out.length < limit; i++) {
      const uri = s.contextItems[s.order[i] ?? -1];
      if (uri) out.push(uri);
    }
    if (s.repeat === 'context') {
      for (let i = 0; i <= s.orderPos && out.length < limit; i++) {
        const uri = s.contextItems[s.order[i] ?? -1];
        if (uri) out.push(uri);
      }
    }
    return out.slice(0, limit);
  }

  disallows(now: number): Record<string, boolean> {
    return disallowsOf(this.settle(now), this.activeDevice());
  }

  /**
   * A command is about to change the world: what reads keep seeing until it applies (Spotify answers before
   * the change shows). Pass it to `holdView` once the command was accepted; a rejected one changed nothing.
   */
  viewBefore(now: number): HeldView {
    const s = this.settle(now);
    return { appliesAt: now, state: structuredClone(s), devices: structuredClone(this.devices) };
  }

  /** Reads see `before` until `lagMs` after it was taken. Commands apply in order, each `lagMs` after it came. */
  holdView(before: HeldView, lagMs: number): void {
    if (lagMs <= 0) return;
    this.held.push({ ...before, appliesAt: before.appliesAt + lagMs });
    if (this.held.length > MAX_HELD) this.held.shift();
  }

  /** What a read at `now` sees. */
  visible(now: number): PlaybackView {
    const real = this.settle(now);
    while (this.held.length > 0 && (this.held[0]?.appliesAt ?? Infinity) <= now) this.held.shift();
    const first = this.held[0];
    const state = first ? first.state : real;
    const devices: readonly DeviceState[] = first ? first.devices : this.devices;
    // The before-image plays on in time as the world would have without the command.
    if (first) advanceClock(first.state, now, this.catalogue, () => undefined);
    const active = (): DeviceState | undefined => devices.find((d) => d.isActive);
    return { state, devices, activeDevice: active, disallows: () => disallowsOf(state, active()) };
  }

  /** Tracks that ended or were skipped, newest first, with when (recently-played). */
  playedTracks(): Array<{ uri: string; playedAt: number }> {
    const out: Array<{ uri: string; playedAt: number }> = [];
    for (let i = this.log.length - 1; i >= 0; i--) {
      const e = this.log[i];
      if (e?.kind === 'track-change' && e.detail?.startsWith('spotify:track:')) out.push({ uri: e.detail, playedAt: e.at });
    }
    return out;
  }

  events(): SimEvent[] {
    return [...this.log];
  }

  onEvent(listener: (event: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- internals ----

  protected loadContext(contextUri: string, index: number, positionMs: number, now: number): void {
    const items = this.catalogue.contextItems(contextUri) ?? [];
    this.state.contextUri = contextUri;
    this.state.contextItems = [...items];
    this.loadOrder(index);
    this.startItem(now, positionMs, this.state.isPlaying);
  }

  protected loadOrder(index: number): void {
    const s = this.state;
    const natural = s.contextItems.map((_, i) => i);
    if (s.shuffle) {
      s.order = [index, ...this.rng.shuffle(natural.filter((i) => i !== index))];
      s.orderPos = 0;
    } else {
      s.order = natural;
      s.orderPos = index;
    }
  }

  protected startItem(now: number, positionMs: number, playing: boolean): void {
    const s = this.state;
    const uri = s.contextItems[s.order[s.orderPos] ?? -1];
    s.current = uri === undefined ? null : this.currentFor(uri);
    s.anchorTime = now;
    s.anchorPosition = positionMs;
    s.isPlaying = playing;
    s.changedAt = now;
  }

  protected currentFor(uri: string): Current | null {
    return currentOf(this.catalogue, uri);
  }

  protected changed(now: number, kind: SimEvent['kind'], source: SimEvent['source'], detail?: string): void {
    this.state.changedAt = now;
    this.emit({ at: now, kind, source, itemUri: this.state.current?.uri ?? null, detail });
  }

  protected emit(event: SimEvent): void {
    if (event.detail === undefined) delete event.detail;
    this.log.push(event);
    if (this.log.length > MAX_EVENTS) this.log.splice(0, this.log.length - MAX_EVENTS);
    for (const listener of this.listeners) listener(event);
  }
}

function disallowsOf(s: PlayState, device: DeviceState | undefined): Record<string, boolean> {
  const d: Record<string, boolean> = {};
  if (!s.isPlaying) d.pausing = true;
  else d.resuming = true;
  if (!hasNext(s)) d.skipping_next = true;
  if (!hasPrevious(s)) d.skipping_prev = true;
  if (s.current?.kind === 'ad') {
    Object.assign(d, { seeking: true, skipping_next: true, skipping_prev: true, toggling_shuffle: true, toggling_repeat_context: true, toggling_repeat_track: true });
  }
  if (s.current?.kind === 'episode') d.toggling_shuffle = true;
  if (device?.isRestricted) {
    for (const key of ['interrupting_playback', 'pausing', 'resuming', 'seeking', 'skipping_next', 'skipping_prev', 'toggling_repeat_context', 'toggling_shuffle', 'toggling_repeat_track', 'transferring_playback']) d[key] = true;
  }
  return d;
}
