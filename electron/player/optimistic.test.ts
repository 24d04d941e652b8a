import { describe, expect, it } from 'vitest';

import type { NowPlaying } from '../../shared/state/now-playing';

import { applyOptimistic, unconfirmed, withPending, type PendingCommand } from './optimistic';

const T = 1_000_000;
const playing: Extract<NowPlaying, { kind: 'item' }> = {
  kind: 'item',
  item: { type: 'track', uri: 'spotify:track:a', name: 'A', artists: ['X'], album: 'Al', artUrl: null, durationMs: 200_000, isLocal: false },
  isPlaying: true,
  progressMs: 10_000,
  observedAt: T,
  shuffle: false,
  repeat: 'off',
  device: { id: 'd1', name: 'Laptop', type: 'Computer', isActive: true, isRestricted: false, isPrivateSession: false, supportsVolume: true, volumePercent: 40 },
  liked: false,
  disallows: [],
};

describe('applyOptimistic', () => {
  it('in a private session, shows play/pause and volume at once and leaves the rest to the confirming fetch', () => {
    const hidden: NowPlaying = { kind: 'private', device: { ...playing.device, isPrivateSession: true }, isPlaying: true, disallows: ['resume'] };
    expect(applyOptimistic(hidden, { kind: 'pause' }, T)).toMatchObject({ kind: 'private', isPlaying: false });
    expect(applyOptimistic(hidden, { kind: 'volume', percent: 70 }, T)).toMatchObject({ device: { volumePercent: 70 } });
    expect(applyOptimistic(hidden, { kind: 'next' }, T)).toBe(hidden);
  });

  it('pauses at the interpolated position and resumes from it', () => {
    const paused = applyOptimistic(playing, { kind: 'pause' }, T + 5000);
    expect(paused).toMatchObject({ isPlaying: false, progressMs: 15_000, observedAt: T + 5000 });
    expect(applyOptimistic(paused, { kind: 'play' }, T + 9000)).toMatchObject({ isPlaying: true, progressMs: 15_000, observedAt: T + 9000 });
  });

  it('seeks, clamped to the duration', () => {
    expect(applyOptimistic(playing, { kind: 'seek', positionMs: 50_000 }, T + 1)).toMatchObject({ progressMs: 50_000, observedAt: T + 1 });
    expect(applyOptimistic(playing, { kind: 'seek', positionMs: 999_999 }, T + 1)).toMatchObject({ progressMs: 200_000 });
  });

  it('sets volume, shuffle, repeat and liked', () => {
    expect(applyOptimistic(playing, { kind: 'volume', percent: 80 }, T)).toMatchObject({ device: { volumePercent: 80 } });
    expect(applyOptimistic(playing, { kind: 'shuffle', on: true }, T)).toMatchObject({ shuffle: true });
    expect(applyOptimistic(playing, { kind: 'repeat', mode: 'track' }, T)).toMatchObject({ repeat: 'track' });
    expect(applyOptimistic(playing, { kind: 'like', uri: 'spotify:track:a', liked: true }, T)).toMatchObject({ liked: true });
    // Liking a track that is no longer shown changes nothing.
    expect(applyOptimistic(playing, { kind: 'like', uri: 'spotify:track:b', liked: true }, T)).toBe(playing);
  });

  it('leaves next alone (the next track is unknown) and restarts on previous after 3 s', () => {
    expect(applyOptimistic(playing, { kind: 'next' }, T)).toBe(playing);
    expect(applyOptimistic(playing, { kind: 'previous' }, T)).toMatchObject({ progressMs: 0 });
    const early = { ...playing, progressMs: 1000 };
    expect(applyOptimistic(early, { kind: 'previous' }, T)).toBe(early);
  });

  it('shows the chosen device on transfer', () => {
    const phone = { ...playing.device, id: 'd2', name: 'Phone', isActive: false };
    expect(applyOptimistic(playing, { kind: 'transfer', deviceId: 'd2', device: phone, play: false }, T)).toMatchObject({
      device: { id: 'd2', name: 'Phone', isActive: true },
      isPlaying: false,
    });
    expect(applyOptimistic(playing, { kind: 'transfer', deviceId: 'd9', device: null }, T)).toBe(playing);
  });

  it('does not touch idle, ad or unavailable states', () => {
    const idle: NowPlaying = { kind: 'idle' };
    expect(applyOptimistic(idle, { kind: 'pause' }, T)).toBe(idle);
  });
});

describe('withPending / unconfirmed', () => {
  const entry = (id: number, command: PendingCommand['command'], issuedAt: number, settledAt: number | null): PendingCommand => ({
    id,
    command,
    issuedAt,
    settledAt,
  });

  it('replays pending commands over the observation in order; removing one is the rollback', () => {
    const pending = [entry(1, { kind: 'shuffle', on: true }, T, null), entry(2, { kind: 'volume', percent: 10 }, T, null)];
    expect(withPending(playing, pending, T)).toMatchObject({ shuffle: true, device: { volumePercent: 10 } });
    expect(withPending(playing, pending.slice(1), T)).toMatchObject({ shuffle: false, device: { volumePercent: 10 } });
  });

  it('does not move progress backwards when a pause is replayed over a newer observation', () => {
    const newer = { ...playing, progressMs: 20_000, observedAt: T + 10_000, isPlaying: true };
    const pending = [entry(1, { kind: 'pause' }, T + 2000, null)];
    expect(withPending(newer, pending, T + 10_000)).toMatchObject({ isPlaying: false, progressMs: 20_000, observedAt: T + 10_000 });
  });

  it('keeps commands a fetch could not have seen', () => {
    const pending = [entry(1, { kind: 'pause' }, T, null), entry(2, { kind: 'pause' }, T, T + 10), entry(3, { kind: 'pause' }, T, T + 50)];
    expect(unconfirmed(pending, T + 20, 0).map((p) => p.id)).toEqual([1, 3]);
  });

  it('keeps a command a read that left within the apply lag after its 204 cannot have seen', () => {
    const pending = [entry(1, { kind: 'pause' }, T, T + 10)];
    expect(unconfirmed(pending, T + 100, 700).map((p) => p.id)).toEqual([1]);
    expect(unconfirmed(pending, T + 709, 700).map((p) => p.id)).toEqual([1]);
    expect(unconfirmed(pending, T + 710, 700)).toEqual([]);
  });
});
