import { afterEach, describe, expect, it, vi } from 'vitest';

import { createFakeApi } from '../testing/fake-api';

afterEach(() => {
  Reflect.deleteProperty(window, 'trayplay');
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('getApi', () => {
  it('uses the preload API under Electron', async () => {
    const { api } = createFakeApi();
    Object.defineProperty(window, 'trayplay', { value: api, configurable: true });
    const bridge = await import('./api');
    expect(bridge.getApi()).toBe(api);
    expect(bridge.getConnection().status()).toBe('open');
  });

  it('builds the API over a WebSocket to the page’s host otherwise, and exposes it the same way', async () => {
    const urls: string[] = [];
    class StubSocket {
      readyState = 0;
      onopen = null;
      onmessage = null;
      onclose = null;
      onerror = null;
      constructor(url: string) {
        urls.push(url);
      }
      send(): void {}
      close(): void {}
    }
    vi.stubGlobal('WebSocket', StubSocket);
    const bridge = await import('./api');
    const api = bridge.getApi();
    expect(bridge.getApi()).toBe(api);
    expect(urls).toEqual([`ws://${window.location.host}/contract`]);
    expect(window.trayplay).toBe(api);
    expect(bridge.getConnection().status()).toBe('connecting');
  });
});
