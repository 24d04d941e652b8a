import type { MiniSizeMode } from '../shared/state/preferences';

import { expect, test } from './host-fixture';
import { MINI_MIN_VIEWPORTS, pageUrl } from './pages';

const MODES = Object.keys(MINI_MIN_VIEWPORTS) as MiniSizeMode[];

for (const mode of MODES) {
  const { width, height } = MINI_MIN_VIEWPORTS[mode];
  test(`${mode} at its minimum window size (${width}×${height}): no control reaches past the window`, async ({ host, page }) => {
    const app = await host.start();
    app.services.preferences.update({ mini: { sizeMode: mode } });
    await page.setViewportSize({ width, height });
    await page.goto(pageUrl(app, 'mini.html'));
    await expect(page.getByTestId('mini-player')).toHaveAttribute('data-size-mode', mode);
    await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
    if (mode === 'expanded') await expect(page.getByTestId('mini-device').first()).toBeVisible();
    // Controls that fade in (square) count too: show them as hover would.
    await page.mouse.move(width / 2, height / 2);
    const cut = await page.evaluate(
      ({ w, h }) =>
        [...document.querySelectorAll<HTMLElement>('button, input, a[href], [data-testid="now-playing-title"], [data-testid="mini-devices"]')]
          // Devices included: the list scrolls for many, but the simulator's four must all show at the minimum.
          .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
          .map((el) => ({ id: el.dataset.testid ?? el.getAttribute('aria-label') ?? el.tagName, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.left < -0.5 || box.top < -0.5 || box.right > w + 0.5 || box.bottom > h + 0.5)
          .map(({ id, box }) => `${id} ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`),
      { w: width, h: height },
    );
    expect(cut).toEqual([]);
  });
}
