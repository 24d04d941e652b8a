import type { MiniSizeMode } from '../shared/state/preferences';

import { expect, test } from './host-fixture';
import { MINI_VIEWPORTS, pageUrl } from './pages';

// The mini-player's window buttons (size, pin, open, hide) keep their places from the first frame on: which of
// them the shell offers is known only when the app info arrives, so their space is reserved until then.

const MODES = Object.keys(MINI_VIEWPORTS) as MiniSizeMode[];

test('the mini-player’s window buttons do not move when the app info arrives, in every size mode', async ({ host, page }) => {
  test.setTimeout(90_000);
  const app = await host.start();
  await page.addInitScript(() => {
    const seen = { shift: 0, sources: [] as string[] };
    Object.defineProperty(window, '__seen', { value: seen });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; sources: { node: Node | null }[] }[]) {
        const ours = entry.sources.filter((source) => source.node instanceof Element && source.node.closest('.mini__chrome') !== null);
        if (ours.length === 0) continue;
        seen.shift += entry.value;
        seen.sources.push(...ours.map((source) => (source.node as HTMLElement).dataset.testid ?? (source.node as Element).className));
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const mode of MODES) {
    // A fresh document each time (the same URL with its #key again would only be a fragment navigation).
    await page.goto('about:blank');
    app.services.preferences.update({ mini: { sizeMode: mode } });
    await page.setViewportSize(MINI_VIEWPORTS[mode]);
    await page.goto(pageUrl(app, 'mini.html'));
    await expect(page.getByTestId('mini-player')).toHaveAttribute('data-size-mode', mode);
    // The app info is in (the page names its shell), and the frame after it has been laid out and reported.
    await expect(page.getByTestId('mini-player')).toHaveAttribute('data-shell', 'web');
    await expect(page.getByTestId('open-main')).toBeVisible();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const seen = await page.evaluate(() => (window as unknown as { __seen: { shift: number; sources: string[] } }).__seen);
    expect(seen, `window buttons shifted in ${mode}`).toEqual({ shift: 0, sources: [] });
  }
});
