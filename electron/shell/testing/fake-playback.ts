import { err, ok, type Result } from '../../../shared/result';
import type { NowPlaying, PlaybackState } from '../../../shared/state/now-playing';
import type { PlaybackFacade } from '../../core/facades';

/** A playback facade that records what it was asked, with a state the test sets. */
export class FakePlayback implements PlaybackFacade {
  public readonly calls: string[] = [];
  public state: PlaybackState = { nowPlaying: { kind: 'idle' }, controls: { readOnly: false, readOnlyReason: null }, notice: null };
  public answer: Result<null> = ok(null);
  private readonly listeners = new Set<() => void>();

  public setNowPlaying(nowPlaying: NowPlaying): void {
    this.state = { ...this.state, nowPlaying };
    this.listeners.forEach((l) => l());
  }

  public getState = (): PlaybackState => this.state;
  public onChange = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  private record(call: string): Promise<Result<null>> {
    this.calls.push(call);
    return Promise.resolve(this.answer);
  }
  public togglePlay = () => this.record('togglePlay');
  public next = () => this.record('next');
  public previous = () => this.record('previous');
  public seek = (ms: number) => this.record(`seek ${ms}`);
  public setVolume = (percent: number) => this.record(`volume ${percent}`);
  public setShuffle = (on: boolean) => this.record(`shuffle ${on}`);
  public cycleRepeat = () => this.record('cycleRepeat');
  public setLiked = (liked: boolean) => this.record(`liked ${liked}`);
  public transfer = (deviceId: string, play?: boolean) => this.record(`transfer ${deviceId}${play === undefined ? '' : ` ${play}`}`);
  public listDevices = () => Promise.resolve(err('not_signed_in', 'no'));
}

export const laptop = { id: 'd1', name: 'Laptop', type: 'Computer', isActive: true, isRestricted: false, isPrivateSession: false, supportsVolume: true, volumePercent: 50 };

export const playingTrack = (patch: Partial<Extract<NowPlaying, { kind: 'item' }>> = {}): NowPlaying => ({
  kind: 'item',
  item: { type: 'track', uri: 'spotify:track:1', name: 'Song', artists: ['A', 'B'], album: 'Album', artUrl: 'https://i.scdn.co/image/1', durationMs: 200_000, isLocal: false },
  isPlaying: true,
  progressMs: 60_000,
  observedAt: 0,
  shuffle: false,
  repeat: 'off',
  device: laptop,
  liked: false,
  disallows: [],
  ...patch,
});
