import type { PlayerReason } from '../http/errors';
import type { DeviceState, PlayingKind, RepeatState, SimEvent, TrackBoundary } from '../types';
import type { Catalogue } from './catalogue';
import type { Current, PlayState } from './clock';
import { advanceClock, currentOf, hasNext, hasPrevious, progressOf, stepForward } from './clock';
import type { Rng } from './random';

// The playback world and its commands. Computed lazily, no timers: every read or command first
// "settles" the state up to now (see clock.ts).

export type CommandResult = { ok: true } | { ok: false; status: number; reason: PlayerReason };
const OK: CommandResult = { ok: true };
const fail = (status: number, reason: PlayerReason): CommandResult => ({ ok: false, status, reason });

export interface PlayRequest {
  contextUri?: string;
  uris?: string[];
  offsetPosition?: number;
  offsetUri?: string;
  positionMs?: number;
}

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

export class Playback {
  readonly devices: DeviceState[];
  private state: PlayState;
  private readonly log: SimEvent[] = [];
  private readonly listeners = new Set<(event: SimEvent) => void>();
  /** Before-images of commands answered but not yet applied as far as reads go, oldest first. */
  private readonly held: HeldView[] = [];

  constructor(
    private readonly catalogue: Catalogue,
    private readonly rng: Rng,
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

  // ---- commands (validation of auth, product and device happens in the routes) ----

  pause(now: number, source: SimEvent['source']): CommandResult {
    const s = this.settle(now);
    if (!s.current) return fail(403, 'NOT_PLAYING_TRACK');
    if (!s.isPlaying) return fail(403, 'ALREADY_PAUSED');
    s.anchorPosition = progressOf(s, now);
    s.anchorTime = now;
    s.isPlaying = false;
    this.changed(now, 'paused', source);
    return OK;
  }

  resume(now: number, source: SimEvent['source']): CommandResult {
    const s = this.settle(now);
    if (!s.current) {
      this.loadContext(this.catalogue.defaultContextUri, 0, 0, now);
    } else if (s.isPlaying) {
      return OK;
    }
    s.anchorTime = now;
    s.isPlaying = true;
    this.changed(now, 'resumed', source);
    return OK;
  }

  play(now: number, req: PlayRequest, source: SimEvent['source']): CommandResult {
    this.settle(now);
    if (req.contextUri === undefined && req.uris === undefined) {
      const resumed = this.resume(now, source);
      return resumed.ok && req.positionMs !== undefined ? this.seek(now, req.positionMs, source) : resumed;
    }
    let items: string[];
    let contextUri: string | null = null;
    if (req.contextUri !== undefined) {
      const found = this.catalogue.contextItems(req.contextUri);
      if (!found || found.length === 0) return fail(404, 'NO_SPECIFIC_TRACK');
      items = found;
      contextUri = req.contextUri;
    } else {
      items = req.uris ?? [];
      if (items.length === 0 || items.some((uri) => !this.catalogue.items.has(uri))) return fail(404, 'NO_SPECIFIC_TRACK');
    }
    let index = 0;
    if (req.offsetUri !== undefined) {
      index = items.indexOf(req.offsetUri);
      if (index < 0) return fail(404, 'NO_SPECIFIC_TRACK');
    } else if (req.offsetPosition !== undefined) {
      if (req.offsetPosition >= items.length) return fail(404, 'NO_SPECIFIC_TRACK');
      index = req.offsetPosition;
    }
    this.state.contextUri = contextUri;
    this.state.contextItems = [...items];
    this.loadOrder(index);
    this.startItem(now, req.positionMs ?? 0, true);
    this.changed(now, 'track-change', source);
    this.settle(now);
    return OK;
  }

  next(now: number, source: SimEvent['source']): CommandResult {
    const s = this.settle(now);
    if (!s.current) return fail(403, 'NOT_PLAYING_TRACK');
    if (s.current.kind === 'ad' || !hasNext(s)) return fail(403, 'NO_NEXT_TRACK');
    const from = s.current.uri;
    stepForward(s, now, this.catalogue);
    this.emit({ at: now, kind: 'track-change', source, itemUri: s.current?.uri ?? null, detail: from ?? undefined });
    s.changedAt = now;
    return OK;
  }

  previous(now: number, source: SimEvent['source']): CommandResult {
    const s = this.settle(now);
    if (!s.current) return fail(403, 'NOT_PLAYING_TRACK');
    if (s.current.kind === 'ad') return fail(403, 'NO_PREV_TRACK');
    // Like the clients: past 3 s, "previous" restarts the current item.
    if (progressOf(s, now) > 3000) return this.seek(now, 0, source);
    if (!hasPrevious(s)) return fail(403, 'NO_PREV_TRACK');
    const from = s.current.uri;
    s.orderPos = s.orderPos > 0 ? s.orderPos - 1 : s.order.length - 1;
    this.startItem(now, 0, s.isPlaying);
    this.emit({ at: now, kind: 'track-change', source, itemUri: s.current?.uri ?? null, detail: from ?? undefined });
    return OK;
  }

  seek(now: number, positionMs: number, source: SimEvent['source']): CommandResult {
    const s = this.settle(now);
    if (!s.current) return fail(403, 'NOT_PLAYING_TRACK');
    if (s.current.kind === 'ad') return fail(403, 'NOT_PLAYING_TRACK');
    if (positionMs >= s.current.durationMs) {
      // Seeking past the end skips to the next item, as Spotify does.
      if (!hasNext(s)) {
        s.anchorPosition = s.current.durationMs;
        s.anchorTime = now;
        this.settle(now);
        return OK;
      }
      return this.next(now, source);
    }
    s.anchorPosition = positionMs;
    s.anchorTime = now;
    this.changed(now, 'seek', source);
    return OK;
  }

  setShuffle(now: number, on: boolean, source: SimEvent['source']): CommandResult {
    const s = this.settle(now);
    if (s.current?.kind === 'ad' || s.current?.kind === 'episode') return fail(403, 'CONTEXT_DISALLOW');
    if (s.shuffle !== on) {
      s.shuffle = on;
      const currentIndex = s.order[s.orderPos];
      const natural = s.contextItems.map((_, i) => i);
      if (on) {
        const rest = natural.filter((i) => i !== currentIndex);
        s.order = currentIndex === undefined ? this.rng.shuffle(rest) : [currentIndex, ...this.rng.shuffle(rest)];
        s.orderPos = currentIndex === undefined ? -1 : 0;
      } else {
        s.order = natural;
        s.orderPos = currentIndex ?? -1;
      }
    }
    this.changed(now, 'settings', source, `shuffle=${String(on)}`);
    return OK;
  }

  setRepeat(now: number, repeat: RepeatState, source: SimEvent['source']): CommandResult {
    const s = this.settle(now);
    if (s.current?.kind === 'ad') return fail(403, 'CONTEXT_DISALLOW');
    s.repeat = repeat;
    this.changed(now, 'settings', source, `repeat=${repeat}`);
    return OK;
  }

  setVolume(now: number, device: DeviceState, percent: number, source: SimEvent['source']): CommandResult {
    this.settle(now);
    if (!device.supportsVolume) return fail(403, 'VOLUME_CONTROL_DISALLOW');
    device.volumePercent = percent;
    this.emit({ at: now, kind: 'volume', source, itemUri: this.state.current?.uri ?? null, detail: String(percent) });
    return OK;
  }

  transfer(now: number, device: DeviceState, play: boolean | undefined, source: SimEvent['source']): CommandResult {
    const s = this.settle(now);
    for (const d of this.devices) d.isActive = d === device;
    if (play === true && !s.isPlaying) {
      // Spotify resumes on the target, starting the last context again when nothing was loaded.
      if (!s.current) this.loadContext(this.catalogue.defaultContextUri, 0, 0, now);
      s.anchorTime = now;
      s.isPlaying = true;
    }
    this.changed(now, 'transfer', source, device.id);
    return OK;
  }

  addToQueue(now: number, uri: string, source: SimEvent['source']): CommandResult {
    this.settle(now);
    if (!this.catalogue.items.has(uri)) return fail(404, 'NO_SPECIFIC_TRACK');
    if (this.state.queue.length >= 1000) return fail(403, 'UNKNOWN');
    this.state.queue.push(uri);
    this.emit({ at: now, kind: 'settings', source, itemUri: uri, detail: 'queued' });
    return OK;
  }

  /** Puts the world into a given kind of playing item (for tests: ads, local files, episodes, nothing). */
  setPlaying(now: number, kind: PlayingKind): void {
    const s = this.settle(now);
    if (kind === 'nothing') {
      s.current = null;
      s.isPlaying = false;
      s.contextUri = null;
      s.contextItems = [];
      s.order = [];
      s.orderPos = -1;
      s.queue = [];
      for (const d of this.devices) d.isActive = false;
      this.changed(now, 'stopped', 'control');
      return;
    }
    if (!this.activeDevice()) {
      const first = this.devices[0];
      if (first) first.isActive = true;
    }
    if (kind === 'ad') {
      if (!s.current) this.loadContext(this.catalogue.defaultContextUri, 0, 0, now);
      s.current = { kind: 'ad', uri: null, durationMs: this.catalogue.ad.durationMs };
    } else if (kind === 'track') {
      this.loadContext(this.catalogue.defaultContextUri, 0, 0, now);
    } else if (kind === 'episode') {
      const show = [...this.catalogue.shows.values()][0];
      this.loadContext(`spotify:show:${show?.id ?? ''}`, 0, 0, now);
    } else {
      s.contextUri = null;
      s.contextItems = [this.catalogue.local.uri];
      this.loadOrder(0);
      this.startItem(now, 0, true);
    }
    s.anchorTime = now;
    s.anchorPosition = 0;
    s.isPlaying = true;
    this.changed(now, 'track-change', 'control');
  }

  /** The device goes away (e.g. the phone app closed): nothing is active any more. */
  disconnect(now: number, source: SimEvent['source']): void {
    const s = this.settle(now);
    s.anchorPosition = progressOf(s, now);
    s.anchorTime = now;
    s.isPlaying = false;
    for (const d of this.devices) d.isActive = false;
    this.changed(now, 'stopped', source, 'disconnected');
  }

  setPrivateSession(now: number, device: DeviceState, on: boolean): void {
    this.settle(now);
    device.isPrivateSession = on;
    this.emit({ at: now, kind: 'session', source: 'external', itemUri: this.state.current?.uri ?? null, detail: `${device.id} private=${String(on)}` });
  }

  // ---- internals ----

  private loadContext(contextUri: string, index: number, positionMs: number, now: number): void {
    const items = this.catalogue.contextItems(contextUri) ?? [];
    this.state.contextUri = contextUri;
    this.state.contextItems = [...items];
    this.loadOrder(index);
    this.startItem(now, positionMs, this.state.isPlaying);
  }

  private loadOrder(index: number): void {
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

  private startItem(now: number, positionMs: number, playing: boolean): void {
    const s = this.state;
    const uri = s.contextItems[s.order[s.orderPos] ?? -1];
    s.current = uri === undefined ? null : this.currentFor(uri);
    s.anchorTime = now;
    s.anchorPosition = positionMs;
    s.isPlaying = playing;
    s.changedAt = now;
  }

  private currentFor(uri: string): Current | null {
    return currentOf(this.catalogue, uri);
  }

  private changed(now: number, kind: SimEvent['kind'], source: SimEvent['source'], detail?: string): void {
    this.state.changedAt = now;
    this.emit({ at: now, kind, source, itemUri: this.state.current?.uri ?? null, detail });
  }

  private emit(event: SimEvent): void {
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
