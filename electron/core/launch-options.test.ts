import { describe, expect, it } from 'vitest';

import { launchOptions } from './launch-options';

const HOOKS = {
  TRAYPLAY_USER_DATA: '/tmp/elsewhere',
  VITE_DEV_SERVER_URL: 'http://127.0.0.1:5173/',
  TRAYPLAY_ACCOUNTS_URL: 'http://127.0.0.1:9999',
  TRAYPLAY_API_URL: 'http://127.0.0.1:9999/v1',
};

describe('launch options (test hooks)', () => {
  it('honours the hooks in an unpackaged run', () => {
    expect(launchOptions(HOOKS, false)).toEqual({
      userDataDir: '/tmp/elsewhere',
      devServerUrl: 'http://127.0.0.1:5173/',
      endpointsOverride: { accountsBaseUrl: 'http://127.0.0.1:9999', apiBaseUrl: 'http://127.0.0.1:9999/v1' },
      ignored: [],
    });
  });

  it('ignores every hook in a packaged build, and names (never shows) what it ignored', () => {
    const options = launchOptions(HOOKS, true);
    expect(options).toEqual({
      userDataDir: null,
      devServerUrl: null,
      endpointsOverride: null,
      ignored: ['TRAYPLAY_USER_DATA', 'VITE_DEV_SERVER_URL', 'TRAYPLAY_ACCOUNTS_URL', 'TRAYPLAY_API_URL'],
    });
    expect(JSON.stringify(options)).not.toContain('9999');
  });

  it('refuses values that are not loopback URLs or absolute folders, even unpackaged', () => {
    const options = launchOptions(
      {
        TRAYPLAY_USER_DATA: 'relative/dir',
        VITE_DEV_SERVER_URL: 'https://evil.example/',
        TRAYPLAY_ACCOUNTS_URL: 'http://capture.example',
        TRAYPLAY_API_URL: 'http://127.0.0.1:1/v1',
      },
      false,
    );
    expect(options.userDataDir).toBeNull();
    expect(options.devServerUrl).toBeNull();
    expect(options.endpointsOverride).toBeNull();
    expect(options.ignored).toEqual(['TRAYPLAY_USER_DATA', 'VITE_DEV_SERVER_URL', 'TRAYPLAY_ACCOUNTS_URL', 'TRAYPLAY_API_URL']);
  });

  it('needs both endpoint variables; one alone changes nothing', () => {
    expect(launchOptions({ TRAYPLAY_ACCOUNTS_URL: 'http://127.0.0.1:9' }, false).endpointsOverride).toBeNull();
    expect(launchOptions({ VITE_DEV_SERVER_URL: 'http://user:pw@127.0.0.1:5173/' }, false).devServerUrl).toBeNull();
    expect(launchOptions({}, false)).toMatchObject({ userDataDir: null, devServerUrl: null, endpointsOverride: null, ignored: [] });
  });
});
