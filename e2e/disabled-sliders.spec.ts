import type { Page } from '@playwright/test';

import { expectNoAxeViolations } from './axe';
import { expect, test } from './host-fixture';
import { MINI_VIEWPORTS, pageUrl } from './pages';

/** The seek bar while read-only: focusable, described by the reason, and neither keys nor a press move it. */
async function expectInertButReachable(page: Page, sent: string[]): Promise<void> {
  const slider = page.getByTestId('progress-slider');
  await expect(slider).toHaveAttribute('aria-disabled', 'true');
  // Not natively disabled: a keyboard user can reach it and hear why it does nothing.
  expect(await slider.evaluate((el) => (el as HTMLInputElement).disabled)).toBe(false);
  const reason = await slider.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((ref) => document.getElementById(ref)?.textContent ?? '')
      .join(' '),
  );
  expect(reason).toMatch(/Premium/);
  await slider.focus();
  await expect(slider).toBeFocused();
  const before = await slider.inputValue();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  // A press on the track (Playwright's own click waits for an enabled control, so the mouse goes there itself).
  const box = await slider.boundingBox();
  if (box === null) throw new Error('the seek bar has no box');
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2);
  await expect(slider).toHaveValue(before);
  await slider.blur();
  expect(sent.filter((frame) => frame.includes('player:seek'))).toEqual([]);
}

test('a read-only seek bar is focusable, says why by keyboard and screen reader, and does not seek (both windows)', async ({ host, page, context }) => {
  const app = await host.start();
  const sent: string[] = [];
  context.on('page', (opened) => opened.on('websocket', (ws) => ws.on('framesent', (frame) => void sent.push(String(frame.payload)))));
  page.on('websocket', (ws) => ws.on('framesent', (frame) => void sent.push(String(frame.payload))));
  await page.goto(pageUrl(app, 'index.html'));
  await expect(page.getByTestId('now-playing')).toHaveAttribute('data-kind', 'item');
  // Paused first, so the bar stays put on its own and any move would be the slider acting.
  await page.getByTestId('play-pause').click();
  await expect.poll(() => app.services.simulator.control.state().isPlaying).toBe(false);
  app.services.simulator.control.setScenario({ product: 'free' });
  // Spotify says the account is read-only only when a command is refused.
  await page.getByTestId('next').click();
  await expect(page.getByTestId('read-only-notice')).toBeVisible();
  await expectInertButReachable(page, sent);
  await expectNoAxeViolations(page, 'main, read-only seek bar');

  const mini = await context.newPage();
  await mini.setViewportSize(MINI_VIEWPORTS.compact);
  await mini.goto(pageUrl(app, 'mini.html'));
  await expect(mini.getByTestId('read-only-notice')).toBeVisible();
  await expectInertButReachable(mini, sent);
  await expectNoAxeViolations(mini, 'mini, read-only seek bar');
});
