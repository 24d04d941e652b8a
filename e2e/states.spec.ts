import type { Page } from '@playwright/test';

import { expectNoAxeViolations } from './axe';
import { expect, test } from './host-fixture';
import { MINI_VIEWPORTS, pageUrl } from './pages';

const noInternalText = async (page: Page): Promise<void> => {
  const text = (await page.locator('body').innerText()).toLowerCase();
  expect(text).not.toMatch(/\b(player|app|auth|settings|window):[a-z]+/i);
  expect(text).not.toContain('no reply from');
};

test('a Free account: one visible line in both windows says controls need Premium', async ({ host, page, context }) => {
  test.setTimeout(120_000);
  const app = await host.start();
  await page.goto(pageUrl(app, 'index.html'));
  await expect(page.getByTestId('now-playing')).toHaveAttribute('data-kind', 'item');
  app.services.simulator.control.setScenario({ product: 'free' });
  // Spotify says so only when a command is refused.
  await page.getByTestId('next').click();
  const notice = page.getByTestId('read-only-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Premium');
  // Said once: not repeated beside the volume, and the volume row stays inside its card.
  await expect(page.getByTestId('volume-reason')).toHaveCount(0);
  await expect(page.getByTestId('next')).toHaveAttribute('aria-disabled', 'true');
  await expectNoAxeViolations(page, 'main, read-only');

  const mini = await context.newPage();
  await mini.setViewportSize(MINI_VIEWPORTS.compact);
  await mini.goto(pageUrl(app, 'mini.html'));
  await expect(mini.getByTestId('read-only-notice')).toHaveText('Controls need Spotify Premium');
  await expectNoAxeViolations(mini, 'mini, read-only');
});

test('the quota used up: "Try again" probes once and the player comes back', async ({ host, page, context }) => {
  test.setTimeout(120_000);
  const app = await host.start();
  await page.goto(pageUrl(app, 'index.html'));
  await expect(page.getByTestId('now-playing')).toHaveAttribute('data-kind', 'item');
  const { control } = app.services.simulator;
  control.injectFault({ quotaExhausted: true });
  app.services.wake();
  const retry = page.getByTestId('fix-retry');
  await expect(retry).toHaveText('Try again', { timeout: 15_000 });
  const mini = await context.newPage();
  await mini.setViewportSize(MINI_VIEWPORTS.expanded);
  await mini.goto(pageUrl(app, 'mini.html'));
  await expect(mini.getByTestId('fix-retry')).toHaveText('Try again');
  await expectNoAxeViolations(mini, 'mini, quota');
  await expectNoAxeViolations(page, 'main, quota');

  control.injectFault({ quotaExhausted: false });
  await retry.click();
  await expect(page.getByTestId('fix-retry')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId('now-playing')).toHaveAttribute('data-kind', 'item');
  await expect(page.getByTestId('playback-notice')).toHaveCount(0);
});

test('Spotify refusing the app: the window says what to check, and "Retry now" looks again once fixed', async ({ host, page }) => {
  test.setTimeout(120_000);
  const app = await host.start();
  await page.goto(pageUrl(app, 'index.html'));
  await expect(page.getByTestId('now-playing')).toHaveAttribute('data-kind', 'item');
  const { control } = app.services.simulator;
  control.setScenario({ userAllowListed: false });
  app.services.wake();
  await expect(page.getByTestId('now-playing')).toHaveAttribute('data-kind', 'unavailable', { timeout: 15_000 });
  await expect(page.getByTestId('now-playing-artist')).toContainText(/User Management|dashboard/i);
  const retry = page.getByTestId('fix-retry');
  await expect(retry).toHaveText('Retry now');
  await expect(page.getByTestId('fix-dashboard')).toHaveAttribute('href', 'https://developer.spotify.com/dashboard');
  await noInternalText(page);
  await expectNoAxeViolations(page, 'main, app refused');
  // The mini-player offers the same two actions.
  const mini = await page.context().newPage();
  await mini.setViewportSize(MINI_VIEWPORTS.compact);
  await mini.goto(pageUrl(app, 'mini.html'));
  await expect(mini.getByTestId('fix-retry')).toHaveText('Retry now');
  await expect(mini.getByTestId('fix-dashboard')).toHaveAttribute('href', 'https://developer.spotify.com/dashboard');
  // Nothing cut off at the compact size: both actions sit inside the window.
  for (const id of ['fix-retry', 'fix-dashboard']) {
    const box = await mini.getByTestId(id).boundingBox();
    expect((box?.y ?? Infinity) + (box?.height ?? 0), id).toBeLessThanOrEqual(MINI_VIEWPORTS.compact.height);
  }
  await expectNoAxeViolations(mini, 'mini, app refused');
  await mini.close();
  control.setScenario({ userAllowListed: true });
  await retry.click();
  await expect(page.getByTestId('now-playing')).toHaveAttribute('data-kind', 'item', { timeout: 15_000 });
});

test('the link to Trayplay lost: controls off while reconnecting, and no internal names in any message', async ({ host, page, context }) => {
  test.setTimeout(120_000);
  const app = await host.start();
  await page.goto(pageUrl(app, 'index.html'));
  const mini = await context.newPage();
  await mini.setViewportSize(MINI_VIEWPORTS.compact);
  await mini.goto(pageUrl(app, 'mini.html'));
  await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
  await expect(mini.getByTestId('now-playing-title')).not.toBeEmpty();
  await app.close();
  for (const window of [page, mini]) {
    await expect(window.getByTestId('connection-notice')).toBeVisible();
    const next = window.getByTestId('next');
    await expect(next).toHaveAttribute('aria-disabled', 'true');
    await expect(next).toHaveAttribute('data-disabled-reason', 'Reconnecting to Trayplay…');
    // A press does nothing (and says nothing internal) while the link is down.
    await next.click({ force: true });
    await noInternalText(window);
  }
  await expectNoAxeViolations(page, 'main, reconnecting');
  await expectNoAxeViolations(mini, 'mini, reconnecting');
});
