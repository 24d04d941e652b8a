import { describe, expect, it } from 'vitest';

import { DEFAULT_PREFERENCES } from '../../shared/state/preferences';
import { memorySink, RootLogger } from '../logging/logger';
import { FakePlayback, playingTrack } from '../shell/testing/fake-playback';
import { defaultAuthSettings } from '../testing/app-state-fixture';

import { coreDepsOf, createCore } from './create-core';
import { DesktopStatusHub } from './desktop-status';
import type { AuthFacade, PreferencesFacade } from './facades';

describe('the core over the services', () => {
  it('takes every service-backed part from the services in one place, and follows them', () => {
    const logger = new RootLogger({ sink: memorySink().sink });
    const playback = new FakePlayback();
    const auth = { state: () => ({ kind: 'demo' }), settings: () => defaultAuthSettings(), onChange: () => () => undefined } as unknown as AuthFacade;
    const preferences = { values: () => DEFAULT_PREFERENCES, onChange: () => () => undefined } as unknown as PreferencesFacade;
    const desktop = new DesktopStatusHub('electron', logger.scope('desktop'));
    const services = { auth, playback, preferences, desktop, simulator: {}, isDemo: () => true };
    const deps = coreDepsOf(services);
    expect(deps).toEqual({ auth, playback, preferences, desktop });
    expect(deps.playback).toBe(playback);

    const core = createCore({
      ...deps,
      info: () => ({ name: 'Trayplay', version: '0.0.0', platform: 'linux', shell: 'web', demo: true }),
      logger,
      windows: { showMain: () => undefined, toggleMini: () => undefined, hideMini: () => undefined },
    });
    playback.setNowPlaying(playingTrack());
    expect(core.state.get().playback.nowPlaying.kind).toBe('item');
    desktop.patch({ capabilities: { notifications: { kind: 'unavailable', reason: 'none here' } } });
    expect(core.state.get().desktop.capabilities.notifications).toEqual({ kind: 'unavailable', reason: 'none here' });
    core.dispose();
  });
});
