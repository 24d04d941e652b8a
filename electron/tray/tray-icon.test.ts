import { inflateSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import type { AppState } from '../../shared/state/app-state';
import { appStateFixture } from '../testing/app-state-fixture';

import { encodeIco, encodePng } from './image-codecs';
import { trayIconPixels, trayIconSpec, trayIconState, type TrayIconState } from './tray-icon';

const track = { type: 'track' as const, uri: 'u', name: 'n', artists: [], album: 'a', artUrl: null, durationMs: 1, isLocal: false };
const device = { id: 'd', name: 'D', type: 'Computer', isActive: true, isRestricted: false, isPrivateSession: false, supportsVolume: true, volumePercent: 1 };
const item = (isPlaying: boolean) => ({ kind: 'item' as const, item: track, isPlaying, progressMs: 0, observedAt: 0, shuffle: false, repeat: 'off' as const, device, liked: null, disallows: [] });
const with_ = (patch: Partial<Omit<AppState, 'playback'>> & { playback?: Partial<AppState['playback']> }) => appStateFixture(patch);

describe('tray icon', () => {
  it('chooses the icon from the state', () => {
    expect(trayIconState(with_({ playback: { nowPlaying: item(true) } }))).toBe('playing');
    expect(trayIconState(with_({ playback: { nowPlaying: item(false) } }))).toBe('paused');
    expect(trayIconState(with_({ playback: { nowPlaying: { kind: 'idle' } } }))).toBe('paused');
    expect(trayIconState(with_({ auth: { kind: 'signedOut', notice: null } }))).toBe('signedOut');
    expect(trayIconState(with_({ auth: { kind: 'sessionEnded', reason: 'x' } }))).toBe('attention');
    expect(trayIconState(with_({ playback: { nowPlaying: { kind: 'unavailable', reason: 'offline', message: 'm', retryAt: null } } }))).toBe('attention');
    expect(trayIconState(with_({ playback: { nowPlaying: { kind: 'unavailable', reason: 'loading', message: 'm', retryAt: null } } }))).toBe('paused');
    expect(trayIconState(with_({ playback: { nowPlaying: item(true), notice: { kind: 'rateLimited', message: 'm', retryAt: null } } }))).toBe('attention');
  });

  it('asks each OS for its sizes: macOS templates at 16/32, Windows ICO frames 16–48, Linux 22–48', () => {
    expect(trayIconSpec('darwin')).toMatchObject({ style: 'template', representations: [{ size: 16 }, { size: 32, scaleFactor: 2 }], icoSizes: null });
    expect(trayIconSpec('win32').icoSizes).toEqual([16, 20, 24, 32, 48]);
    expect(trayIconSpec('linux').representations.map((r) => r.size)).toEqual([22, 32, 48]);
  });

  it('draws each state differently; templates are black with alpha, halo icons have light and dark pixels', () => {
    const states: TrayIconState[] = ['signedOut', 'playing', 'paused', 'attention'];
    const drawn = states.map((s) => Buffer.from(trayIconPixels(32, s, 'halo')).toString('base64'));
    expect(new Set(drawn).size).toBe(4);
    const template = trayIconPixels(16, 'playing', 'template');
    for (let i = 0; i < template.length; i += 4) expect([template[i], template[i + 1], template[i + 2]]).toEqual([0, 0, 0]);
    expect(template.filter((_, i) => i % 4 === 3 && template[i]! > 200).length).toBeGreaterThan(20);
    const halo = trayIconPixels(48, 'paused', 'halo');
    const visible = [...Array(48 * 48).keys()].filter((p) => halo[p * 4 + 3]! > 128).map((p) => halo[p * 4]!);
    expect(visible.some((v) => v > 220)).toBe(true);
    expect(visible.some((v) => v < 60)).toBe(true);
    expect(halo[3]).toBe(0);
  });

  it('encodes valid PNG and ICO files', () => {
    const pixels = trayIconPixels(24, 'playing', 'halo');
    const png = encodePng(24, 24, pixels);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(24);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe((24 * 4 + 1) * 24);
    expect(raw.subarray(1, 1 + 24 * 4)).toEqual(Buffer.from(pixels.subarray(0, 24 * 4)));
    const ico = encodeIco([16, 32].map((size) => ({ size, png: encodePng(size, size, trayIconPixels(size, 'paused', 'halo')) })));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
    expect([ico[6], ico[22]]).toEqual([16, 32]);
    const second = ico.readUInt32LE(22 + 12);
    expect(ico.subarray(second + 1, second + 4).toString('ascii')).toBe('PNG');
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow(RangeError);
  });
});
