import { afterEach, describe, expect, it } from 'vitest';

import { appState, playback, privateSession, trackPlaying } from '../testing/fixtures';
import { failWith, mount, type Mounted } from '../testing/mount';
import { click, perform } from '../testing/render';

let view: Mounted | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

describe('mini-player', () => {
  it('shows the track and its controls', async () => {
    view = await mount(appState(), {}, 'mini');
    expect(view.byTestId('mini-player')).toBeTruthy();
    expect(view.byTestId('now-playing-title').textContent).toBe('Song One');
    expect(view.byTestId('now-playing-artist').textContent).toBe('Artist A, Artist B');
    expect(view.byTestId('progress')).toBeTruthy();
    await click(view.byTestId('play-pause'));
    await click(view.byTestId('next'));
    await click(view.byTestId('previous'));
    await click(view.byTestId('like'));
    expect(view.channels().filter((c) => c.startsWith('player:'))).toEqual([
      'player:togglePlay',
      'player:next',
      'player:previous',
      'player:setLiked',
    ]);
  });

  it('shows a short stale-state notice, with the full message as its tooltip', async () => {
    const notice = { kind: 'offline', message: 'Can’t reach Spotify — showing the last known state', retryAt: Date.now() + 8_500 } as const;
    view = await mount(appState({ playback: playback(trackPlaying(), {}, notice) }), {}, 'mini');
    const line = view.byTestId('playback-notice');
    expect(line.getAttribute('data-kind')).toBe('offline');
    expect(line.textContent).toMatch(/^Offline · checking in (8|9) s$/);
    expect(line.getAttribute('title')).toContain(notice.message);
  });

  it('shows a private session by its device', async () => {
    view = await mount(appState({ playback: playback(privateSession()) }), {}, 'mini');
    expect(view.byTestId('now-playing-title').textContent).toBe('Private session on Kitchen speaker');
    expect(view.byTestId('play-pause').getAttribute('aria-disabled')).toBeNull();
  });

  it('opens the main window and hides itself', async () => {
    view = await mount(appState(), {}, 'mini');
    await click(view.byTestId('open-main'));
    await click(view.byTestId('close-mini'));
    expect(view.channels().filter((c) => c.startsWith('window:'))).toEqual(['window:showMain', 'window:hideMini']);
  });

  it('follows pushes from main', async () => {
    view = await mount(appState(), {}, 'mini');
    const next = trackPlaying({
      isPlaying: false,
      item: { type: 'track', uri: 'u', name: 'Song Two', artists: ['C'], album: 'Y', artUrl: null, durationMs: 1000, isLocal: true },
      liked: null,
    });
    await perform(() => view!.fake.emit('app:onState', appState({ rev: 2, playback: playback(next) })));
    expect(view.byTestId('now-playing-title').textContent).toBe('Song Two');
    expect(view.byTestId('play-pause').getAttribute('aria-label')).toBe('Play');
    expect(view.byTestId('album-art-placeholder')).toBeTruthy();
    expect(view.byTestId('like').getAttribute('aria-disabled')).toBe('true');
  });

  it('offers to open the main window to pick a device', async () => {
    view = await mount(appState({ playback: playback({ kind: 'idle' }) }), {
      'player:togglePlay': failWith('no_active_device', 'No device is active', {
        devices: [{ id: 'd', name: 'Phone', type: 'Smartphone' }],
      }),
    }, 'mini');
    await click(view.byTestId('play-pause'));
    expect(view.byTestId('error-banner').dataset.code).toBe('no_active_device');
    expect(view.queryByTestId('device-picker')).toBeNull();
    await click(view.container.querySelector('.error-banner .button')!);
    expect(view.channels()).toContain('window:showMain');
  });

  it('when Spotify refuses the app, links to the dashboard as well as retrying, in every size', async () => {
    const refused = { kind: 'unavailable', reason: 'error', code: 'app_not_authorized', message: 'Spotify does not let this app use your account.', retryAt: null } as const;
    for (const mode of ['bar', 'compact'] as const) {
      view = await mount(appState({ playback: playback(refused), preferences: { ...appState().preferences, mini: { ...appState().preferences.mini, sizeMode: mode } } }), {}, 'mini');
      expect(view.byTestId('fix-retry').textContent, mode).toBe('Retry now');
      expect(view.byTestId('fix-dashboard').getAttribute('href'), mode).toBe('https://developer.spotify.com/dashboard');
      await view.unmount();
      view = null;
    }
  });
});
