import type { Page } from '@playwright/test';

import type { MiniSizeMode } from '../shared/state/preferences';

import { expectNoAxeViolations } from './axe';
import { expect, test } from './host-fixture';
import { MINI_VIEWPORTS, pageUrl } from './pages';

const MODES = Object.keys(MINI_VIEWPORTS) as MiniSizeMode[];

/** Every visible control lies wholly inside the window: nothing is cut off at this size. */
async function expectNothingCutOff(page: Page, mode: MiniSizeMode): Promise<void> {
  const { width, height } = MINI_VIEWPORTS[mode];
  const outside = await page.evaluate(
    ({ width: w, height: h }) =>
      [...document.querySelectorAll<HTMLElement>('button, input, [data-testid="now-playing-title"]')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ id: el.dataset.testid ?? el.getAttribute('aria-label') ?? el.tagName, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.left < -0.5 || box.top < -0.5 || box.right > w + 0.5 || box.bottom > h + 0.5)
        .map(({ id }) => id),
    { width, height },
  );
  expect(outside, `cut off in ${mode}`).toEqual([]);
}

/** Tabs through the window; returns the test ids reached in order, checking each has a visible focus ring. */
async function keyboardWalk(page: Page): Promise<string[]> {
  const reached: string[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < 20; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (el === null || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring = style.boxShadow !== 'none' || (style.outlineStyle !== 'none' && style.outlineWidth !== '0px');
      return { id: el.dataset.testid ?? el.getAttribute('aria-label') ?? el.tagName, ring };
    });
    if (focused === null || reached.includes(focused.id)) break;
    expect(focused.ring, `${focused.id} shows where the focus is`).toBe(true);
    reached.push(focused.id);
  }
  return reached;
}

for (const mode of MODES) {
  test(`the ${mode} mini-player: laid out for its size, accessible in both themes, walkable by keyboard`, async ({ host, page }) => {
    // Two axe runs and a keyboard walk: slow on a busy 2-core machine.
    test.setTimeout(120_000);
    const app = await host.start();
    app.services.preferences.update({ mini: { sizeMode: mode }, theme: 'dark' });
    await page.setViewportSize(MINI_VIEWPORTS[mode]);
    await page.goto(pageUrl(app, 'mini.html'));
    const mini = page.getByTestId('mini-player');
    await expect(mini).toHaveAttribute('data-size-mode', mode);
    await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
    await expectNothingCutOff(page, mode);
    await expectNoAxeViolations(page, `${mode}, dark`);

    const order = await keyboardWalk(page);
    // The window's own buttons come first in tab order where they sit first (top), last where they sit last (bar).
    if (mode === 'bar') expect(order.slice(0, 2)).toEqual(['play-pause', 'next']);
    else expect(order[0]).toBe('size-menu');
    expect(order).toEqual(expect.arrayContaining(['play-pause', 'size-menu', 'pin', 'open-main']));
    if (mode === 'compact' || mode === 'expanded') expect(order).toEqual(expect.arrayContaining(['shuffle', 'repeat', 'volume-button', 'like']));
    if (mode === 'expanded') expect(order).toContain('mini-device');
    if (mode === 'square') {
      // Over the art the controls show on keyboard focus, not only on hover (the pointer is elsewhere).
      await page.mouse.move(0, MINI_VIEWPORTS.square.height + 50);
      await page.getByTestId('play-pause').focus();
      const overlay = page.locator('.mini__overlay-controls');
      await expect.poll(() => overlay.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    }

    app.services.preferences.update({ theme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expectNoAxeViolations(page, `${mode}, light`);
  });
}

test('the size is chosen from the mini-player and remembered', async ({ host, page }) => {
  const app = await host.start();
  await page.setViewportSize(MINI_VIEWPORTS.compact);
  await page.goto(pageUrl(app, 'mini.html'));
  await expect(page.getByTestId('mini-player')).toHaveAttribute('data-size-mode', 'compact');
  await page.getByTestId('size-menu').click();
  // Controls stay visible while the menu is open.
  await expect(page.getByTestId('mini-player')).toHaveAttribute('data-menu-open', 'true');
  await expect(page.getByTestId('size-compact')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('size-menu-list')).toHaveCount(0);
  await expect(page.getByTestId('size-menu')).toBeFocused();
  await page.getByTestId('size-menu').click();
  await page.getByTestId('size-square').click();
  await expect(page.getByTestId('mini-player')).toHaveAttribute('data-size-mode', 'square');
  expect(app.services.preferences.values().mini.sizeMode).toBe('square');
  // Opened afresh in a new page (a reload has no launch key left: the bridge takes it out of the URL), the choice stands.
  const again = await page.context().newPage();
  await again.setViewportSize(MINI_VIEWPORTS.compact);
  await again.goto(pageUrl(app, 'mini.html'));
  await expect(again.getByTestId('mini-player')).toHaveAttribute('data-size-mode', 'square');
});

test('the volume popover sets the device volume; in the web preview the pin says why it cannot work', async ({ host, page }) => {
  const app = await host.start();
  await page.setViewportSize(MINI_VIEWPORTS.compact);
  await page.goto(pageUrl(app, 'mini.html'));
  await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
  await page.getByTestId('volume-button').click();
  const slider = page.getByTestId('volume-slider');
  await expect(slider).toBeFocused();
  await page.keyboard.press('End');
  await expect
    .poll(() => {
      const world = app.services.simulator.control.state();
      return world.devices.find((d) => d.id === world.activeDeviceId)?.volumePercent;
    })
    .toBe(100);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('volume-popover')).toHaveCount(0);

  const pin = page.getByTestId('pin');
  await expect(pin).toHaveAttribute('aria-disabled', 'true');
  const reason = await pin.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent);
  expect(reason).toMatch(/desktop app/);
});

test('Open in the web preview opens the main page in a new tab; Hide is not offered there', async ({ host, page, context }) => {
  const app = await host.start();
  await page.setViewportSize(MINI_VIEWPORTS.compact);
  await page.goto(pageUrl(app, 'mini.html'));
  await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
  await expect(page.getByTestId('close-mini')).toHaveCount(0);
  const [opened] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-main').click()]);
  await expect(opened.getByTestId('main-window')).toBeVisible();
  await expect(opened.getByTestId('now-playing-title')).not.toBeEmpty();
  // And the main window's mini-player button opens the mini page, which can hide (close) itself.
  const [mini] = await Promise.all([context.waitForEvent('page'), opened.getByTestId('toggle-mini').click()]);
  await expect(mini.getByTestId('mini-player')).toBeVisible();
  await expect(mini.getByTestId('close-mini')).toBeVisible();
  await Promise.all([mini.waitForEvent('close'), mini.getByTestId('close-mini').click()]);
});

test('with reduced motion the controls appear without animation', async ({ host, page }) => {
  const app = await host.start();
  app.services.preferences.update({ mini: { sizeMode: 'square' } });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize(MINI_VIEWPORTS.square);
  await page.goto(pageUrl(app, 'mini.html'));
  await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
  const duration = await page.locator('.mini__overlay-controls').evaluate((el) => parseFloat(getComputedStyle(el).transitionDuration));
  expect(duration).toBeLessThan(0.001);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const normal = await page.locator('.mini__overlay-controls').evaluate((el) => parseFloat(getComputedStyle(el).transitionDuration));
  expect(normal).toBeGreaterThan(0.05);
});
