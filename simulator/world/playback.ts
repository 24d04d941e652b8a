import type { PlayerReason } from '../http/errors';
import type { DeviceState, PlayingKind, RepeatState, SimEvent } from '../types';
import { hasNext, hasPrevious, progressOf, stepForward } from './clock';
import { PlaybackWorld } from './playback-world';

// The playback commands. Each first settles the world up to now (see playback-world.ts and clock.ts).

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

/** The playback world with its commands (validation of auth, product and device happens in the routes). */
export class Playback extends PlaybackWorld {
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
}
