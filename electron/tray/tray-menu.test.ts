import { describe, expect, it } from 'vitest';

import type { AppState } from '../../shared/state/app-state';
import type { Device, NowPlaying } from '../../shared/state/now-playing';
import { appStateFixture } from '../testing/app-state-fixture';

import { nowPlayingLine, trayMenu, type TrayMenuItem } from './tray-menu';

const device: Device = { id: 'd1', name: 'Laptop', type: 'Computer', isActive: true, isRestricted: false, isPrivateSession: false, supportsVolume: true, volumePercent: 50 };
const speaker: Device = { id: 'd2', name: 'Kitchen', type: 'Speaker', isActive: false, isRestricted: false, isPrivateSession: false, supportsVolume: true, volumePercent: 20 };
const tv: Device = { id: 'd3', name: 'TV', type: 'TV', isActive: false, isRestricted: true, isPrivateSession: false, supportsVolume: false, volumePercent: null };
const playing: NowPlaying = {
  kind: 'item',
  item: { type: 'track', uri: 'spotify:track:1', name: 'Song', artists: ['A', 'B'], album: 'Album', artUrl: null, durationMs: 200_000, isLocal: false },
  isPlaying: true,
  progressMs: 1000,
  observedAt: 0,
  shuffle: true,
  repeat: 'context',
  device,
  liked: false,
  disallows: ['previous'],
};
const state = (nowPlaying: NowPlaying, readOnly = false, notice: AppState['playback']['notice'] = null, auth: AppState['auth'] = { kind: 'demo' }): AppState =>
  appStateFixture({
    auth,
    playback: { nowPlaying, controls: { readOnly, readOnlyReason: readOnly ? 'Controls need Spotify Premium' : null }, notice },
  });
const find = (items: readonly TrayMenuItem[], label: string | RegExp): TrayMenuItem => {
  const hit = items.find((i) => i.kind !== 'separator' && (typeof label === 'string' ? i.label === label : label.test(i.label)));
  if (!hit) throw new Error(`no item ${String(label)} in ${items.map((i) => ('label' in i ? i.label : '—')).join(' | ')}`);
  return hit;
};

describe('tray menu', () => {
  it('shows what plays, with shuffle and repeat state, and offers the possible controls', () => {
    const items = trayMenu(state(playing), { devices: [device, speaker] });
    expect(items[0]).toEqual({ kind: 'label', label: '▶ Song — A, B' });
    expect(find(items, 'Pause')).toMatchObject({ kind: 'action', enabled: true, action: { type: 'togglePlay' } });
    expect(find(items, 'Previous')).toMatchObject({ enabled: false, disabledReason: 'Spotify does not allow this right now' });
    expect(find(items, 'Save to Liked Songs')).toMatchObject({ enabled: true, action: { type: 'like' } });
    expect(find(items, 'Shuffle')).toMatchObject({ kind: 'checkbox', checked: true, action: { type: 'setShuffle', on: false } });
    expect(find(items, 'Repeat: All')).toMatchObject({ enabled: true, action: { type: 'cycleRepeat' } });
    expect(find(items, 'Quit Trayplay')).toMatchObject({ enabled: true });
    expect(find(items, 'Sign in to Spotify…')).toMatchObject({ action: { type: 'signIn' } });
  });

  it('has a devices submenu of radio items; choosing one transfers; restricted ones say why', () => {
    const items = trayMenu(state(playing), { devices: [device, speaker, tv, { ...speaker, id: null, name: 'Ghost' }] });
    const menu = find(items, 'Playing on Laptop');
    if (menu.kind !== 'submenu') throw new Error('not a submenu');
    expect(menu.items).toEqual([
      { kind: 'radio', label: 'Laptop (Computer)', action: { type: 'transfer', deviceId: 'd1' }, checked: true, enabled: true },
      { kind: 'radio', label: 'Kitchen (Speaker)', action: { type: 'transfer', deviceId: 'd2' }, checked: false, enabled: true },
      { kind: 'radio', label: 'TV (TV)', action: { type: 'transfer', deviceId: 'd3' }, checked: false, enabled: false, disabledReason: 'This device cannot be controlled from other apps' },
    ]);
    const looking = find(trayMenu(state(playing), { devices: null }), 'Playing on Laptop');
    expect(looking).toMatchObject({ kind: 'submenu', items: [{ kind: 'label', label: 'Looking for devices…' }] });
    expect(find(trayMenu(state({ kind: 'idle' }), { devices: [] }), 'Devices')).toMatchObject({ items: [{ label: 'No devices — open Spotify on one' }] });
  });

  it('offers volume presets where the device allows it, with the current one checked', () => {
    const items = trayMenu(state({ ...playing, device: { ...device, volumePercent: 75 } }));
    const volume = find(items, 'Volume: 75 %');
    if (volume.kind !== 'submenu') throw new Error('not a submenu');
    expect(volume.items.map((i) => [i.kind === 'radio' && i.label, i.kind === 'radio' && i.checked])).toEqual([
      ['Mute', false],
      ['25 %', false],
      ['50 %', false],
      ['75 %', true],
      ['100 %', false],
    ]);
    expect(find(volume.items, '50 %')).toMatchObject({ action: { type: 'setVolume', percent: 50 } });
    const fixed = trayMenu(state({ ...playing, device: { ...device, supportsVolume: false } }));
    expect(find(fixed, 'Volume')).toMatchObject({ enabled: false, disabledReason: 'This device does not let apps change its volume' });
  });

  it('disables controls in read-only mode and says why, keeping windows, account and quit', () => {
    const items = trayMenu(state(playing, true), { devices: [device, speaker] });
    expect(items[1]).toEqual({ kind: 'label', label: 'Controls need Spotify Premium' });
    for (const label of ['Pause', 'Next', 'Shuffle', 'Repeat: All', 'Volume']) {
      expect(find(items, label)).toMatchObject({ enabled: false, disabledReason: 'Controls need Spotify Premium' });
    }
    const devices = find(items, 'Playing on Laptop');
    expect(devices.kind === 'submenu' && devices.items.every((i) => i.kind === 'radio' && !i.enabled)).toBe(true);
    expect(find(items, 'Open Trayplay')).toMatchObject({ enabled: true });
    expect(find(items, 'Mini-player')).toMatchObject({ enabled: true });
  });

  it('in a private session, names the device and follows Spotify’s disallows', () => {
    const items = trayMenu(state({ kind: 'private', device: { ...device, isPrivateSession: true }, isPlaying: false, disallows: ['pause', 'previous'] }));
    expect(items[0]).toEqual({ kind: 'label', label: '❚❚ Private session on Laptop' });
    expect(find(items, 'Play')).toMatchObject({ enabled: true });
    expect(find(items, 'Next')).toMatchObject({ enabled: true });
    expect(find(items, 'Previous')).toMatchObject({ enabled: false });
    expect(find(items, 'Save to Liked Songs')).toMatchObject({ enabled: false, disabledReason: 'Only Spotify tracks can be saved to Liked Songs' });
  });

  it('during an ad allows pause only, and for an episode or a local file explains why it cannot be liked', () => {
    const ad = trayMenu(state({ kind: 'ad', isPlaying: true, progressMs: 0, observedAt: 0, device }));
    expect(find(ad, 'Pause')).toMatchObject({ enabled: true });
    expect(find(ad, 'Next')).toMatchObject({ enabled: false, disabledReason: 'Not during an advertisement' });
    const local = trayMenu(state({ ...playing, item: { ...playing.item, isLocal: true } as never, liked: null }));
    expect(find(local, 'Save to Liked Songs')).toMatchObject({ enabled: false, disabledReason: 'Only Spotify tracks can be saved to Liked Songs' });
    const checking = trayMenu(state({ ...playing, liked: null }));
    expect(find(checking, 'Save to Liked Songs')).toMatchObject({ enabled: false, disabledReason: 'Checking Liked Songs…' });
    expect(find(trayMenu(state({ ...playing, liked: true })), 'Remove from Liked Songs')).toMatchObject({ enabled: true, action: { type: 'unlike' } });
  });

  it('signed out: controls off with the reason, devices need sign-in, the account item signs in', () => {
    const signedOut = state({ kind: 'unavailable', reason: 'signedOut', message: 'Sign in to Spotify', retryAt: null }, false, null, { kind: 'signedOut', notice: null });
    const items = trayMenu(signedOut, { devices: null });
    expect(find(items, 'Play')).toMatchObject({ enabled: false, disabledReason: 'Sign in to Spotify' });
    expect(find(items, 'Devices')).toMatchObject({ enabled: false, disabledReason: 'Sign in to Spotify to see your devices' });
    expect(find(items, 'Sign in to Spotify…')).toMatchObject({ enabled: true });
    const signedIn = trayMenu(state(playing, false, null, { kind: 'signedIn', account: { id: 'u', displayName: 'Ann' }, scopes: [], accessExpiresAt: 0, refreshExpiresAt: 0, renewSoon: false, persistence: 'encrypted' }));
    expect(find(signedIn, 'Sign out (Ann)')).toMatchObject({ action: { type: 'signOut' } });
    const authorizing = trayMenu(state(playing, false, null, { kind: 'authorizing', redirectMode: 'loopback', startedAt: 0, expiresAt: 1 }));
    expect(find(authorizing, 'Cancel sign-in')).toMatchObject({ action: { type: 'cancelSignIn' } });
    expect(find(trayMenu(state({ kind: 'idle' })), 'Play')).toMatchObject({ enabled: false, disabledReason: 'Nothing is playing' });
  });

  it('says when the line may be stale', () => {
    const message = 'Spotify asked Trayplay to slow down — showing the last known state';
    const items = trayMenu(state(playing, false, { kind: 'rateLimited', message, retryAt: 5 }));
    expect(items[1]).toEqual({ kind: 'label', label: message });
    expect(trayMenu(state(playing)).filter((i) => i.kind === 'label')).toHaveLength(1);
  });

  it('never shows a blank line, whatever plays, and clips long ones', () => {
    expect(nowPlayingLine({ kind: 'idle' })).toBe('Nothing playing');
    expect(nowPlayingLine({ kind: 'ad', isPlaying: true, progressMs: 0, observedAt: 0, device: null })).toBe('Advertisement');
    expect(nowPlayingLine({ kind: 'unavailable', reason: 'rateLimited', message: 'Spotify asked us to wait', retryAt: null })).toBe('Spotify asked us to wait');
    const long = trayMenu(state({ ...playing, item: { ...playing.item, name: 'x'.repeat(200) } as never }));
    expect(long[0]?.kind === 'label' && long[0].label.length).toBe(80);
  });
});
