import { describe, expect, it } from 'vitest';

import { device, episodePlaying, playback, privateSession, trackPlaying } from '../testing/fixtures';

import { controlStates, nowPlayingView } from './now-playing-view';

describe('nowPlayingView', () => {
  it('shows a track with its artists and album', () => {
    const view = nowPlayingView(trackPlaying());
    expect(view).toMatchObject({ kind: 'item', title: 'Song One', subtitle: 'Artist A, Artist B', detail: 'Album X' });
    expect(view.progress).toMatchObject({ progressMs: 30_000, durationMs: 200_000, isPlaying: true });
  });

  it('shows an episode with its show', () => {
    const view = nowPlayingView(episodePlaying());
    expect(view).toMatchObject({ title: 'Episode 12', subtitle: 'The Show', detail: 'Podcast episode', artUrl: null });
  });

  it('never leaves the title blank', () => {
    expect(nowPlayingView({ kind: 'idle' })).toMatchObject({
      title: 'Nothing playing',
      subtitle: 'Start Spotify on any device',
    });
    const local = trackPlaying({
      item: { type: 'track', uri: 'spotify:local:x', name: '', artists: [], album: '', artUrl: null, durationMs: 1, isLocal: true },
    });
    expect(nowPlayingView(local)).toMatchObject({ title: 'Untitled', subtitle: 'Unknown artist', detail: 'Local file' });
  });

  it('names the device of a private session, without an item or position', () => {
    const view = nowPlayingView(privateSession({ isPlaying: false }));
    expect(view).toMatchObject({ kind: 'private', title: 'Private session on Kitchen speaker', isPlaying: false, progress: null, artUrl: null });
    expect(view.subtitle).toContain('private session');
    expect(view.device?.name).toBe('Kitchen speaker');
  });

  it('shows ads with a position but no duration', () => {
    const view = nowPlayingView({ kind: 'ad', isPlaying: true, progressMs: 5000, observedAt: 1, device: null });
    expect(view.title).toBe('Advertisement');
    expect(view.progress?.durationMs).toBeNull();
  });

  it('explains each unavailable reason and keeps the retry time', () => {
    const view = nowPlayingView({ kind: 'unavailable', reason: 'rateLimited', message: '', retryAt: 123 });
    expect(view.title).toBe('Spotify asked Trayplay to slow down');
    expect(view.subtitle).not.toBe('');
    expect(view.retryAt).toBe(123);
    expect(nowPlayingView({ kind: 'unavailable', reason: 'offline', message: 'No network', retryAt: null }).subtitle).toBe(
      'No network',
    );
  });
});

describe('nowPlayingView — errors with a code', () => {
  it('titles the app-refused state by its code, not as a lost connection', () => {
    const refused = nowPlayingView({ kind: 'unavailable', reason: 'error', code: 'app_not_authorized', message: 'Spotify does not let this app use your account.', retryAt: null });
    expect(refused.title).toBe('Spotify refused this app');
    expect(refused.subtitle).toBe('Spotify does not let this app use your account.');
    expect(nowPlayingView({ kind: 'unavailable', reason: 'error', message: '', retryAt: null }).title).toBe('Can’t reach Spotify');
  });
});

describe('controlStates', () => {
  it('keeps transport and volume in a private session, as Spotify’s disallows say', () => {
    const states = controlStates(playback(privateSession({ isPlaying: true, disallows: ['previous'] })));
    expect(states.playPause.enabled).toBe(true);
    expect(states.next.enabled).toBe(true);
    expect(states.volume.enabled).toBe(true);
    expect(states.previous).toEqual({ enabled: false, reason: 'Spotify doesn’t allow going back right now' });
    for (const name of ['seek', 'shuffle', 'repeat', 'like'] as const) expect(states[name].enabled).toBe(false);
    expect(controlStates(playback(privateSession({ isPlaying: false, disallows: ['resume'] }))).playPause.enabled).toBe(false);
  });

  it('enables everything for a normal track', () => {
    const states = controlStates(playback(trackPlaying()));
    expect(Object.values(states).every((s) => s.enabled)).toBe(true);
  });

  it('disables everything with the read-only reason', () => {
    const states = controlStates(playback(trackPlaying(), { readOnly: true, readOnlyReason: 'Spotify Premium is required' }));
    for (const state of Object.values(states)) expect(state).toEqual({ enabled: false, reason: 'Spotify Premium is required' });
  });

  it('follows Spotify’s disallows', () => {
    const states = controlStates(playback(trackPlaying({ disallows: ['next', 'seek', 'pause'] })));
    expect(states.next.enabled).toBe(false);
    expect(states.seek.enabled).toBe(false);
    expect(states.playPause.enabled).toBe(false);
    expect(states.previous.enabled).toBe(true);
    // Paused, so `pause` being disallowed does not matter; `resume` does.
    expect(controlStates(playback(trackPlaying({ isPlaying: false, disallows: ['pause'] }))).playPause.enabled).toBe(true);
  });

  it('disables volume with a reason when the device cannot do it', () => {
    const states = controlStates(playback(trackPlaying({ device: device({ supportsVolume: false, name: 'TV' }) })));
    expect(states.volume).toEqual({ enabled: false, reason: 'TV doesn’t allow volume control' });
  });

  it('disables like for episodes', () => {
    expect(controlStates(playback(episodePlaying())).like.reason).toMatch(/Episodes/);
  });

  it('keeps play available when idle, so main can offer devices', () => {
    const states = controlStates(playback({ kind: 'idle' }));
    expect(states.playPause.enabled).toBe(true);
    expect(states.next.enabled).toBe(false);
  });

  it('disables all but play and volume during ads', () => {
    const states = controlStates(
      playback({ kind: 'ad', isPlaying: true, progressMs: 0, observedAt: 0, device: device() }),
    );
    expect(states.playPause.enabled).toBe(true);
    expect(states.volume.enabled).toBe(true);
    expect(states.next.reason).toMatch(/advertisement/);
  });
});
