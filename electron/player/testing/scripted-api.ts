import type { SpotifyError } from '../../spotify/api-errors';
import type { ApiPlaybackState } from '../../spotify/schemas';
import type { ApiResult, PlaybackSnapshot } from '../../spotify/web-api-client';
import { type ManualClock, settle } from '../../testing/manual-clock';
import type { PlayerApi } from '../player-api';

// A scripted Web API for the playback service: every call waits until the test answers (or rejects) it, so
// in-flight behaviour (optimistic state, rollback, coalescing, races) is observable step by step.

export interface ScriptedCall {
  readonly method: string;
  readonly args: unknown[];
  answer(result: ApiResult<unknown>): Promise<void>;
  /** The client broke its promise (it should never reject; the service must survive it). */
  reject(error: Error): Promise<void>;
}

export const OK = { ok: true as const, value: null };
export const fail = (error: SpotifyError): ApiResult<never> => ({ ok: false, error });

export function apiState(patch: Partial<ApiPlaybackState> = {}): ApiPlaybackState {
  return {
    device: { id: 'd1', name: 'Laptop', type: 'Computer', is_active: true, supports_volume: true, volume_percent: 50 },
    repeat_state: 'off',
    shuffle_state: false,
    progress_ms: 10_000,
    is_playing: true,
    currently_playing_type: 'track',
    item: { type: 'track', uri: 'spotify:track:a', name: 'A', duration_ms: 200_000, artists: [{ name: 'X' }], album: { name: 'Al', images: [] } },
    actions: { disallows: {} },
    ...patch,
  };
}

export const apiTrack = (uri: string, name = uri): ApiPlaybackState['item'] => ({
  type: 'track',
  uri,
  name,
  duration_ms: 200_000,
  artists: [{ name: 'X' }],
  album: { name: 'Al', images: [] },
});

const METHODS = [
  'getPlaybackState',
  'getDevices',
  'play',
  'pause',
  'next',
  'previous',
  'seek',
  'setVolume',
  'setShuffle',
  'setRepeat',
  'transfer',
  'libraryContains',
  'saveToLibrary',
  'removeFromLibrary',
] as const;

export function scripted(clock: ManualClock) {
  const calls: ScriptedCall[] = [];
  const record =
    (method: string) =>
    (...args: unknown[]): Promise<ApiResult<never>> =>
      new Promise((resolve, rejectCall) => {
        calls.push({
          method,
          args,
          answer: async (result) => {
            resolve(result as ApiResult<never>);
            await settle();
          },
          reject: async (error) => {
            rejectCall(error);
            await settle();
          },
        });
      });
  const api = Object.fromEntries(METHODS.map((m) => [m, record(m)])) as unknown as PlayerApi;
  /** A read that started `startedAgoMs` before now (default: now). */
  const snapshot = (state: ApiPlaybackState | null, startedAt = clock.now()): ApiResult<PlaybackSnapshot> => ({
    ok: true,
    value: { state, observedAt: clock.now(), startedAt },
  });
  const last = (method: string): ScriptedCall => {
    const call = calls.filter((c) => c.method === method).at(-1);
    if (!call) throw new Error(`no ${method} call`);
    return call;
  };
  const count = (method: string): number => calls.filter((c) => c.method === method).length;
  return { api, calls, snapshot, last, count, methods: () => calls.map((c) => c.method) };
}
