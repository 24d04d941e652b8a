import { afterEach, describe, expect, it, vi } from 'vitest';

// Its own file: the bridge defines window.trayplay once per page (not configurable), as in the browser.

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('the web preview\'s launch key', () => {
  it('takes the launch key out of the URL (replaced, not pushed), keeps it in memory for the socket and new windows', async () => {
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
    window.history.replaceState(null, '', '/mini.html?x=1#key=a-b_C9&other=2');
    const before = window.history.length;
    const bridge = await import('./api');
    bridge.getApi();
    expect(urls).toEqual([`ws://${window.location.host}/contract?key=a-b_C9`]);
    expect(window.location.href).not.toContain('a-b_C9');
    expect(window.location.pathname + window.location.search + window.location.hash).toBe('/mini.html?x=1#other=2');
    expect(window.history.length).toBe(before);
    expect(bridge.launchFragment()).toBe('#key=a-b_C9');
    window.history.replaceState(null, '', '/');
  });
});
