import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { PlayerActionSchema, type NowPlaying } from '../../shared/state/now-playing';
import { appStateFixture } from '../testing/app-state-fixture';
import { trayMenu } from '../tray/tray-menu';

import { mprisCapabilities } from './capabilities';
import { mprisMetadata, openUrl, trackIdPath } from './metadata';
import { NO_TRACK } from './mpris-names';
import { changedProperties, playbackStatus, playerProperties, playerPropertiesAt } from './player-properties';
import { positionUs, seekedTo } from './position';
import { laptop, playbackOf, trackPlaying, TRACK_URI } from './testing/states';

describe('MPRIS metadata', () => {
  it('maps a track: id path, length in µs, title, artists, album, art and a Spotify link', () => {
    expect(mprisMetadata(trackPlaying())).toEqual({
      'mpris:trackid': { signature: 'o', value: '/app/trayplay/track/4uLU6hMCjMI75M1A2tKUQC' },
      'mpris:length': { signature: 'x', value: 200_000_000 },
      'mpris:artUrl': { signature: 's', value: 'https://i.scdn.co/image/ab67616d0000b273' },
      'xesam:title': { signature: 's', value: 'Night Drive' },
      'xesam:artist': { signature: 'as', value: ['Ada', 'Bo'] },
      'xesam:album': { signature: 's', value: 'Roads' },
      'xesam:url': { signature: 's', value: 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC' },
    });
  });

  it('maps an episode to its show, and ads, private sessions and nothing to fixed ids', () => {
    const episode = trackPlaying({ item: { type: 'episode', uri: 'spotify:episode:512ojhOuo1ktJprKbVcKyQ', name: 'Ep 1', show: 'The Show', artUrl: null, durationMs: 0 } });
    const meta = mprisMetadata(episode);
    expect(meta['xesam:artist']).toEqual({ signature: 'as', value: ['The Show'] });
    expect(meta['xesam:album']).toEqual({ signature: 's', value: 'The Show' });
    expect(meta['mpris:length']).toBeUndefined();
    expect(meta['mpris:artUrl']).toBeUndefined();
    expect(mprisMetadata({ kind: 'ad', isPlaying: true, progressMs: 0, observedAt: 0, device: null })['xesam:title']).toEqual({ signature: 's', value: 'Advertisement' });
    expect(mprisMetadata({ kind: 'private', device: laptop, isPlaying: true, disallows: [] })['xesam:artist']).toEqual({ signature: 'as', value: ['Studio Laptop'] });
    expect(mprisMetadata({ kind: 'idle' })).toEqual({ 'mpris:trackid': { signature: 'o', value: NO_TRACK } });
    expect(mprisMetadata({ kind: 'unavailable', reason: 'offline', message: 'x', retryAt: null })).toEqual({ 'mpris:trackid': { signature: 'o', value: NO_TRACK } });
  });

  it('track ids are valid object paths for any URI, and distinct URIs stay distinct', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const pa = trackIdPath(a);
        expect(pa).toMatch(/^\/app\/trayplay\/(track|episode|uri)\/[A-Za-z0-9_]+$/);
        if (a !== b) expect(pa).not.toBe(trackIdPath(b));
      }),
    );
    expect(trackIdPath('spotify:local:Ada:Roads:Night+Drive:200')).toMatch(/^\/app\/trayplay\/uri\/spotify_3alocal_3aAda/);
    expect(openUrl('spotify:local:a:b:c:1')).toBeNull();
  });
});

describe('MPRIS capabilities follow the tray menu', () => {
  const actions = fc.uniqueArray(fc.constantFrom(...PlayerActionSchema.options));
  const nowPlaying = fc.oneof(
    fc.record({ disallows: actions, isPlaying: fc.boolean() }).map(({ disallows, isPlaying }): NowPlaying => trackPlaying({ disallows, isPlaying })),
    fc.record({ disallows: actions, isPlaying: fc.boolean() }).map(({ disallows, isPlaying }): NowPlaying => ({ kind: 'private', device: laptop, isPlaying, disallows })),
    fc.boolean().map((isPlaying): NowPlaying => ({ kind: 'ad', isPlaying, progressMs: 0, observedAt: 0, device: null })),
    fc.constant<NowPlaying>({ kind: 'idle' }),
    fc.constant<NowPlaying>({ kind: 'unavailable', reason: 'loading', message: 'Looking…', retryAt: null }),
  );

  it('CanGoNext/CanGoPrevious are enabled exactly where the tray enables the same action; play/pause too, for a consistent state', () => {
    fc.assert(
      fc.property(nowPlaying, fc.boolean(), (np, readOnly) => {
        const playback = playbackOf(np, readOnly);
        const menu = trayMenu(appStateFixture({ playback }));
        const enabled = (name: string) => menu.some((i) => i.kind === 'action' && i.action.type === name && i.enabled);
        const can = mprisCapabilities(playback);
        const playing = playbackStatus(playback) === 'Playing';
        expect(can.canGoNext).toBe(enabled('next'));
        expect(can.canGoPrevious).toBe(enabled('previous'));
        // Where the disallows fit the play state (no optimistic flip in between), the toggle agrees too.
        const disallows = np.kind === 'item' || np.kind === 'private' ? np.disallows : [];
        const flipped = disallows.includes(playing ? 'pause' : 'resume') && !disallows.includes(playing ? 'resume' : 'pause');
        if (!flipped) expect(playing ? can.canPause : can.canPlay).toBe(enabled('togglePlay'));
        if (readOnly) expect(Object.values(can).every((v) => v === false)).toBe(true);
      }),
    );
  });

  it('CanPlay is true while playing and CanPause while paused, as the spec asks (Spotify disallows the no-op press)', () => {
    expect(mprisCapabilities(playbackOf(trackPlaying({ isPlaying: true, disallows: ['resume'] })))).toMatchObject({ canPlay: true, canPause: true });
    expect(mprisCapabilities(playbackOf(trackPlaying({ isPlaying: false, disallows: ['pause'] })))).toMatchObject({ canPlay: true, canPause: true });
    // Right after Pause: shown paused, the disallows still those of playing.
    expect(mprisCapabilities(playbackOf(trackPlaying({ isPlaying: false, disallows: ['resume'] })))).toMatchObject({ canPlay: true, canPause: true });
    expect(mprisCapabilities(playbackOf(trackPlaying({ isPlaying: true, disallows: ['resume', 'pause'] })))).toMatchObject({ canPlay: false, canPause: false });
    expect(mprisCapabilities(playbackOf({ kind: 'idle' }))).toMatchObject({ canPlay: false, canPause: false });
  });

  it('seeking needs an item with a length and no seek disallow', () => {
    expect(mprisCapabilities(playbackOf(trackPlaying())).canSeek).toBe(true);
    expect(mprisCapabilities(playbackOf(trackPlaying({ disallows: ['seek'] }))).canSeek).toBe(false);
    expect(mprisCapabilities(playbackOf({ kind: 'private', device: laptop, isPlaying: true, disallows: [] })).canSeek).toBe(false);
  });
});

describe('MPRIS properties and position', () => {
  it('reports status, loop, shuffle, volume and a position computed on read', () => {
    const playback = playbackOf(trackPlaying({ repeat: 'context', shuffle: true }));
    const props = playerPropertiesAt(playback, 1_000_000 + 2_500);
    expect(props.PlaybackStatus).toEqual({ signature: 's', value: 'Playing' });
    expect(props.LoopStatus).toEqual({ signature: 's', value: 'Playlist' });
    expect(props.Shuffle).toEqual({ signature: 'b', value: true });
    expect(props.Volume).toEqual({ signature: 'd', value: 0.64 });
    expect(props.Position).toEqual({ signature: 'x', value: 12_500_000 });
    expect(playerProperties(playback).Position).toBeUndefined();
    expect(playerPropertiesAt(playbackOf(trackPlaying({ repeat: 'track' })), 0).LoopStatus).toEqual({ signature: 's', value: 'Track' });
    expect(playbackStatus(playbackOf({ kind: 'idle' }))).toBe('Stopped');
  });

  it('position: paused does not move, playing stops at the end, nothing playing is 0', () => {
    expect(positionUs(trackPlaying({ isPlaying: false }), 1_000_000 + 60_000)).toBe(10_000_000);
    expect(positionUs(trackPlaying(), 1_000_000 + 600_000)).toBe(200_000_000);
    expect(positionUs({ kind: 'idle' }, 5)).toBe(0);
  });

  it('only real jumps in the same item are seeks', () => {
    const before = trackPlaying();
    // Played on as expected: no seek.
    expect(seekedTo(before, trackPlaying({ progressMs: 15_000, observedAt: 1_005_000 }))).toBeNull();
    // Jumped ahead by a minute.
    expect(seekedTo(before, trackPlaying({ progressMs: 75_000, observedAt: 1_005_000 }))).toBe(75_000_000);
    // Back to the start.
    expect(seekedTo(before, trackPlaying({ progressMs: 0, observedAt: 1_005_000 }))).toBe(0);
    // Another track is a track change, not a seek.
    expect(seekedTo(before, trackPlaying({ item: { ...before.item, uri: 'spotify:track:x' }, progressMs: 0 }))).toBeNull();
    expect(seekedTo(before, before)).toBeNull();
  });

  it('while paused any position change is a seek, however small; a change play time explains is not', () => {
    const paused = trackPlaying({ isPlaying: false, disallows: ['pause'] });
    // Nudged back a second while paused: listeners hold the paused position, so they must hear it.
    expect(seekedTo(paused, { ...paused, progressMs: 9_000, observedAt: 1_004_000 })).toBe(9_000_000);
    expect(seekedTo(paused, { ...paused, progressMs: 11_200, observedAt: 1_004_000 })).toBe(11_200_000);
    expect(seekedTo(paused, { ...paused, observedAt: 1_030_000 })).toBeNull();
    // Resumed somewhere in the 20 s between the observations: up to 20 s of play explains the step.
    expect(seekedTo(paused, trackPlaying({ progressMs: 29_000, observedAt: 1_020_000 }))).toBeNull();
    expect(seekedTo(paused, trackPlaying({ progressMs: 60_000, observedAt: 1_020_000 }))).toBe(60_000_000);
    // Paused somewhere in between: anywhere from the old position to where play would have got is fine.
    expect(seekedTo(trackPlaying(), { ...paused, progressMs: 12_000, observedAt: 1_005_000 })).toBeNull();
    expect(seekedTo(trackPlaying(), { ...paused, progressMs: 40_000, observedAt: 1_005_000 })).toBe(40_000_000);
  });

  it('PropertiesChanged carries only what changed', () => {
    const a = playerProperties(playbackOf(trackPlaying()));
    const b = playerProperties(playbackOf(trackPlaying({ isPlaying: false, disallows: ['pause'] })));
    expect(Object.keys(changedProperties(a, b)).sort()).toEqual(['PlaybackStatus']);
    expect(changedProperties(a, a)).toEqual({});
    const c = playerProperties(playbackOf(trackPlaying({ item: { ...trackPlaying().item, uri: TRACK_URI.replace('4u', '5u') } })));
    expect(Object.keys(changedProperties(a, c))).toEqual(['Metadata']);
  });
});
