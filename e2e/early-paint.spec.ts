import { expect, test } from './host-fixture';
import { MINI_VIEWPORTS, pageUrl } from './pages';

// The title is painted by the page's inline script from the real snapshot, before any module has run; the app
// then takes over in the same place. Every script file is held back until the title is on screen, so this fails
// if the early paint regressed to waiting for the renderer's chunks.

const PAGES = [
  { file: 'index.html', viewport: { width: 420, height: 720 } },
  { file: 'mini.html', viewport: MINI_VIEWPORTS.compact },
] as const;

for (const { file, viewport } of PAGES) {
  test(`${file}: the title is painted from the snapshot before the renderer's chunks run, then the app takes over in place`, async ({ host, page }) => {
    const app = await host.start();
    // The bridge takes the inline script's snapshot request over: one app:getState on the wire, not two.
    const getStateCalls: string[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', (frame) => {
        const text = String(frame.payload);
        if (text.includes('"ch":"app:getState"')) getStateCalls.push(text);
      }),
    );
    await page.setViewportSize(viewport);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.addInitScript(() => {
      const seen = { painted: [] as string[], shift: 0 };
      // Shifts of the title, its text block or the skeleton (the mini-player's window buttons settle on their own when the app info arrives).
      const ours = (node: Node | null): boolean =>
        node instanceof Element && node.closest('#early-paint, .now-playing__meta, .now-playing__top, .mini__text, .mini__row') !== null;
      Object.defineProperty(window, '__seen', { value: seen });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { identifier: string; element: Element | null }[]) {
          if (entry.identifier === 'now-playing-title') seen.painted.push(entry.element?.closest('#early-paint') ? 'early' : 'app');
        }
      }).observe({ type: 'element', buffered: true });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; sources: { node: Node | null }[] }[]) {
          if (entry.sources.some((source) => ours(source.node))) seen.shift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(pageUrl(app, file), { waitUntil: 'commit' });

    const early = page.locator('#early-paint [elementtiming="now-playing-title"]');
    await expect(early).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __seen: { painted: string[] } }).__seen.painted)).toEqual(['early']);
    const earlyTitle = (await early.textContent())?.trim() ?? '';
    const earlyBox = await early.boundingBox();
    // No module of the page has run: the bridge's first mark is not there.
    expect(await page.evaluate(() => performance.getEntriesByName('trayplay:boot', 'mark').length)).toBe(0);

    release();
    await expect(page.locator('#early-paint')).toHaveCount(0);
    const title = page.getByTestId('now-playing-title');
    // The real snapshot's title, not a placeholder: the app shows the same one.
    await expect(title).toHaveText(earlyTitle);
    expect(earlyTitle.length).toBeGreaterThan(0);
    expect(earlyTitle).not.toMatch(/Loading|Connecting|Nothing playing/);
    const appBox = await title.boundingBox();
    expect(appBox).not.toBeNull();
    expect(earlyBox).not.toBeNull();
    expect(Math.abs((appBox?.x ?? 0) - (earlyBox?.x ?? 0))).toBeLessThanOrEqual(1);
    expect(Math.abs((appBox?.y ?? 0) - (earlyBox?.y ?? 0))).toBeLessThanOrEqual(1);
    expect(await page.evaluate(() => (window as unknown as { __seen: { shift: number } }).__seen.shift)).toBe(0);
    // The app has rendered from the state it was handed; a second request would have gone out by now.
    await expect(page.getByTestId('play-pause')).toBeVisible();
    expect(getStateCalls).toHaveLength(1);
  });
}
