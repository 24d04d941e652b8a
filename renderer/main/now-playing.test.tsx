import { afterEach, describe, expect, it } from 'vitest';

import { appState, device, episodePlaying, playback, privateSession, trackPlaying } from '../testing/fixtures';
import { failWith, mount, type Mounted } from '../testing/mount';
import { click, keyDown, keyUp, type } from '../testing/render';

let view: Mounted | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const withPlayback = (nowPlaying: Parameters<typeof playback>[0], controls: Parameters<typeof playback>[1] = {}) =>
  appState({ playback: playback(nowPlaying, controls) });

describe('now-playing panel', () => {
  it('shows the track, its artists, album and device', async () => {
    view = await mount(appState());
    expect(view.byTestId('now-playing-title').textContent).toBe('Song One');
    expect(view.byTestId('now-playing-artist').textContent).toBe('Artist A, Artist B');
    expect(view.byTestId('now-playing-album').textContent).toBe('Album X');
    expect(view.byTestId('now-playing-device').textContent).toContain('Kitchen speaker');
    expect(view.byTestId<HTMLImageElement>('album-art').getAttribute('src')).toBe('https://i.scdn.co/image/abc');
    expect(view.byTestId('play-pause').getAttribute('aria-label')).toBe('Pause');
  });

  it('shows episodes with their show and a placeholder for missing art', async () => {
    view = await mount(withPlayback(episodePlaying()));
    expect(view.byTestId('now-playing-artist').textContent).toBe('The Show');
    expect(view.queryByTestId('album-art')).toBeNull();
    expect(view.byTestId('album-art-placeholder').getAttribute('aria-label')).toBe('Cover of The Show');
  });

  it('is never blank: idle, ad and unavailable each say something', async () => {
    view = await mount(withPlayback({ kind: 'idle' }));
    expect(view.byTestId('now-playing-title').textContent).toBe('Nothing playing');
    expect(view.byTestId('now-playing-artist').textContent).toBe('Start Spotify on any device');
    await view.unmount();

    view = await mount(withPlayback({ kind: 'ad', isPlaying: true, progressMs: 4000, observedAt: Date.now(), device: null }));
    expect(view.byTestId('now-playing-title').textContent).toBe('Advertisement');
    expect(view.byTestId('progress-elapsed').textContent).toBe('0:04');
    expect(view.byTestId('next').getAttribute('aria-disabled')).toBe('true');
    await view.unmount();

    view = await mount(
      withPlayback({ kind: 'unavailable', reason: 'rateLimited', message: '', retryAt: Date.now() + 30_500 }),
    );
    expect(view.byTestId('now-playing-title').textContent).toBe('Spotify asked Trayplay to slow down');
    expect(view.byTestId('retry-countdown').textContent).toMatch(/Retrying in (30|31) s$/);
  });

  it('shows a private session with its device, and keeps the transport controls', async () => {
    view = await mount(withPlayback(privateSession({ disallows: ['previous', 'resume'] })));
    expect(view.byTestId('now-playing').getAttribute('data-kind')).toBe('private');
    expect(view.byTestId('now-playing-title').textContent).toBe('Private session on Kitchen speaker');
    expect(view.byTestId('now-playing-device').textContent).toBe('Playing on Kitchen speaker');
    expect(view.byTestId('previous').getAttribute('aria-disabled')).toBe('true');
    await click(view.byTestId('play-pause'));
    await click(view.byTestId('next'));
    expect(view.channels().filter((c) => c === 'player:togglePlay' || c === 'player:next')).toEqual(['player:togglePlay', 'player:next']);
  });

  it('shows a stale-state notice with a live countdown, and nothing when all is well', async () => {
    const message = 'Spotify asked Trayplay to slow down — showing the last known state';
    view = await mount(appState({ playback: playback(trackPlaying(), {}, { kind: 'rateLimited', message, retryAt: Date.now() + 20_500 }) }));
    const notice = view.byTestId('playback-notice');
    expect(notice.getAttribute('data-kind')).toBe('rateLimited');
    expect(notice.textContent).toMatch(new RegExp(`^${message}, checking again in (20|21) s$`));
    // The track stays on screen under the notice.
    expect(view.byTestId('now-playing-title').textContent).toBe('Song One');
    await view.unmount();

    view = await mount(appState());
    expect(view.queryByTestId('playback-notice')).toBeNull();
  });

  it('interpolates the position from the observation', async () => {
    view = await mount(withPlayback(trackPlaying({ progressMs: 60_000, observedAt: Date.now() - 5000 })));
    expect(view.byTestId('progress-elapsed').textContent).toMatch(/^1:0[56]$/);
    expect(view.byTestId('progress-duration').textContent).toBe('3:20');
  });

  it('sends the transport commands', async () => {
    view = await mount(appState());
    await click(view.byTestId('play-pause'));
    await click(view.byTestId('next'));
    await click(view.byTestId('previous'));
    await click(view.byTestId('shuffle'));
    await click(view.byTestId('repeat'));
    await click(view.byTestId('like'));
    const sent = view.channels().filter((c) => c.startsWith('player:') && c !== 'player:listDevices');
    expect(sent).toEqual([
      'player:togglePlay',
      'player:next',
      'player:previous',
      'player:setShuffle',
      'player:cycleRepeat',
      'player:setLiked',
    ]);
    expect(view.payloadOf('player:setShuffle')).toEqual({ on: true });
    expect(view.payloadOf('player:setLiked')).toEqual({ liked: true });
  });

  it('seeks and sets the volume once released', async () => {
    view = await mount(appState());
    const slider = view.byTestId<HTMLInputElement>('progress-slider');
    await type(slider, '90000');
    expect(view.channels()).not.toContain('player:seek');
    expect(view.byTestId('progress-elapsed').textContent).toBe('1:30');
    await keyUp(slider, 'ArrowRight');
    // A key release waits for the burst to end (commit-range.test); Enter sends at once.
    expect(view.channels()).not.toContain('player:seek');
    await keyDown(slider, 'Enter');
    expect(view.payloadOf('player:seek')).toEqual({ positionMs: 90_000 });

    const volume = view.byTestId<HTMLInputElement>('volume-slider');
    await type(volume, '25');
    await keyDown(volume, 'Enter');
    expect(view.payloadOf('player:setVolume')).toEqual({ percent: 25 });
  });

  it('draws the repeat modes distinctly', async () => {
    view = await mount(withPlayback(trackPlaying({ repeat: 'track', shuffle: true })));
    const repeat = view.byTestId('repeat');
    expect(repeat.dataset.repeat).toBe('track');
    expect(repeat.getAttribute('aria-label')).toMatch(/Repeating this track/);
    expect(repeat.textContent).toBe('1');
    expect(view.byTestId('shuffle').getAttribute('aria-pressed')).toBe('true');
  });

  it('disables every control with the read-only reason', async () => {
    view = await mount(withPlayback(trackPlaying(), { readOnly: true, readOnlyReason: 'Spotify Premium is required' }));
    for (const id of ['play-pause', 'next', 'previous', 'shuffle', 'repeat', 'like']) {
      const button = view.byTestId<HTMLButtonElement>(id);
      expect(button.getAttribute('aria-disabled')).toBe('true');
      expect(button.title).toBe('Spotify Premium is required');
      // The reason is the button's description, so keyboard and screen-reader users get it too.
      const described = document.getElementById(button.getAttribute('aria-describedby') ?? '');
      expect(described?.textContent).toBe('Spotify Premium is required');
    }
    expect(view.byTestId('read-only-notice').textContent).toBe('Spotify Premium is required');
    // The sliders too: focusable, described by the reason (e2e/disabled-sliders.spec.ts checks they do not act).
    const seek = view.byTestId<HTMLInputElement>('progress-slider');
    expect(seek.getAttribute('aria-disabled')).toBe('true');
    expect(document.getElementById(seek.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Spotify Premium is required');
  });

  it('disables a disallowed action only', async () => {
    view = await mount(withPlayback(trackPlaying({ disallows: ['next'] })));
    expect(view.byTestId('next').getAttribute('aria-disabled')).toBe('true');
    expect(view.byTestId('next').title).toMatch(/skipping/);
    expect(view.byTestId('previous').getAttribute('aria-disabled')).toBeNull();
  });

  it('hides the volume slider with a reason when the device cannot do it', async () => {
    view = await mount(withPlayback(trackPlaying({ device: device({ supportsVolume: false, name: 'TV' }) })));
    expect(view.byTestId('volume-slider').getAttribute('aria-disabled')).toBe('true');
    expect(view.byTestId('volume-reason').textContent).toBe('TV doesn’t allow volume control');
  });

  it('shows a command error inline, and offers devices for no_active_device', async () => {
    view = await mount(withPlayback({ kind: 'idle' }), {
      'player:togglePlay': failWith('no_active_device', 'No device is active', {
        devices: [{ id: 'dev-2', name: 'Phone', type: 'Smartphone' }],
      }),
    });
    await click(view.byTestId('play-pause'));
    const banner = view.byTestId('error-banner');
    expect(banner.dataset.code).toBe('no_active_device');
    expect(banner.textContent).toContain('No device is active');
    await click(view.byTestId('device-picker-option'));
    expect(view.payloadOf('player:transfer')).toEqual({ deviceId: 'dev-2', play: true });
    expect(view.queryByTestId('error-banner')).toBeNull();
  });

  it('shows rate limits with their retry time', async () => {
    view = await mount(appState(), {
      'player:next': failWith('rate_limited', 'Too many requests', { retryAt: Date.now() + 20_000 }),
    });
    await click(view.byTestId('next'));
    expect(view.byTestId('error-banner').textContent).toMatch(/Too many requests Try again in (19|20) s\./);
    await click(view.container.querySelector('[aria-label="Dismiss"]')!);
    expect(view.queryByTestId('error-banner')).toBeNull();
  });
});

describe('keyboard', () => {
  it('toggles playback with Space, but not while typing', async () => {
    view = await mount(appState());
    const { act } = await import('react');
    await act(async () => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
      await Promise.resolve();
    });
    expect(view.channels()).toContain('player:togglePlay');
    const count = view.channels().filter((c) => c === 'player:togglePlay').length;
    const input = view.byTestId<HTMLInputElement>('progress-slider');
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
      await Promise.resolve();
    });
    expect(view.channels().filter((c) => c === 'player:togglePlay').length).toBe(count);
    expect(document.title).toBe('Song One — Artist A, Artist B · Trayplay');
  });
});
