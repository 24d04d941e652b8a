import { describe, expect, it } from 'vitest';

import type { AppState } from '../../shared/state/app-state';
import type { NowPlaying } from '../../shared/state/now-playing';

import { appStateFixture } from '../testing/app-state-fixture';

import { trayIconBitmap } from './tray-icon';
import { nowPlayingLine, trayMenu } from './tray-menu';

const device = { id: 'd1', name: 'Laptop', type: 'Computer', isActive: true, isRestricted: false, isPrivateSession: false, supportsVolume: true, volumePercent: 50 };
const playing: NowPlaying = {
  kind: 'item',
  item: { type: 'track', uri: 'spotify:track:1', name: 'Song', artists: ['A', 'B'], album: 'Album', artUrl: null, durationMs: 200_000, isLocal: false },
  isPlaying: true,
  progressMs: 1000,
  observedAt: 0,
  shuffle: false,
  repeat: 'off',
  device,
  liked: false,
  disallows: ['previous'],
};
const state = (nowPlaying: NowPlaying, readOnly = false, notice: AppState['playback']['notice'] = null): AppState =>
  appStateFixture({
    playback: { nowPlaying, controls: { readOnly, readOnlyReason: readOnly ? 'Controls need Spotify Premium' : null }, notice },
  });
const action = (items: ReturnType<typeof trayMenu>, name: string) => items.find((i) => i.kind === 'action' && i.action === name);

describe('tray menu', () => {
  it('shows what plays and offers the possible controls', () => {
    const items = trayMenu(state(playing));
    expect(items[0]).toEqual({ kind: 'label', label: '▶ Song — A, B' });
    expect(action(items, 'togglePlay')).toMatchObject({ label: 'Pause', enabled: true });
    expect(action(items, 'previous')).toMatchObject({ enabled: false });
    expect(action(items, 'like')).toMatchObject({ enabled: true });
    expect(action(items, 'quit')).toMatchObject({ enabled: true });
  });

  it('disables controls in read-only mode and says why', () => {
    const items = trayMenu(state(playing, true));
    expect(items[1]).toEqual({ kind: 'label', label: 'Controls need Spotify Premium' });
    expect(action(items, 'next')).toMatchObject({ enabled: false });
    expect(action(items, 'showMain')).toMatchObject({ enabled: true });
  });

  it('in a private session, names the device and follows Spotify’s disallows', () => {
    const items = trayMenu(state({ kind: 'private', device: { ...device, isPrivateSession: true }, isPlaying: false, disallows: ['pause', 'previous'] }));
    expect(items[0]).toEqual({ kind: 'label', label: '❚❚ Private session on Laptop' });
    expect(action(items, 'togglePlay')).toMatchObject({ label: 'Play', enabled: true });
    expect(action(items, 'next')).toMatchObject({ enabled: true });
    expect(action(items, 'previous')).toMatchObject({ enabled: false });
    expect(action(items, 'like')).toMatchObject({ enabled: false });
  });

  it('says when the line may be stale', () => {
    const message = 'Spotify asked Trayplay to slow down — showing the last known state';
    const items = trayMenu(state(playing, false, { kind: 'rateLimited', message, retryAt: 5 }));
    expect(items[1]).toEqual({ kind: 'label', label: message });
    expect(trayMenu(state(playing)).filter((i) => i.kind === 'label')).toHaveLength(1);
  });

  it('never shows a blank line, whatever plays', () => {
    expect(nowPlayingLine({ kind: 'idle' })).toBe('Nothing playing');
    expect(nowPlayingLine({ kind: 'ad', isPlaying: true, progressMs: 0, observedAt: 0, device: null })).toBe('Advertisement');
    expect(nowPlayingLine({ kind: 'unavailable', reason: 'rateLimited', message: 'Spotify asked us to wait', retryAt: null })).toBe('Spotify asked us to wait');
  });

  it('draws an opaque icon on a transparent background', () => {
    const bitmap = trayIconBitmap(32);
    expect(bitmap).toHaveLength(32 * 32 * 4);
    expect(bitmap[3]).toBe(0);
    const opaque = bitmap.filter((_, i) => i % 4 === 3 && bitmap[i] === 255).length;
    expect(opaque).toBeGreaterThan(100);
  });
});
