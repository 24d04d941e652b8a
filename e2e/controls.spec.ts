import { expect, test } from './host-fixture';

test('the controls drive playback and the display follows', async ({ host, page }) => {
  const app = await host.start();
  await page.goto(app.url);
  const title = page.getByTestId('now-playing-title');
  await expect(title).not.toBeEmpty();
  const first = await title.textContent();

  await page.getByTestId('next').click();
  await expect(title).not.toHaveText(first ?? '');
  await expect.poll(() => app.services.simulator.control.state().itemName).toBe(await title.textContent());

  const playPause = page.getByTestId('play-pause');
  const label = await playPause.getAttribute('aria-label');
  await playPause.click();
  await expect(playPause).not.toHaveAttribute('aria-label', label ?? '');
  await expect.poll(() => app.services.simulator.control.state().isPlaying).toBe(label !== 'Pause');
});

test('an ad, an episode and nothing playing never blank the window', async ({ host, page }) => {
  const app = await host.start();
  await page.goto(app.url);
  const panel = page.getByTestId('now-playing');
  for (const [kind, shown] of [
    ['ad', 'ad'],
    ['episode', 'item'],
    ['nothing', 'idle'],
  ] as const) {
    app.services.simulator.control.setPlaying(kind);
    app.services.wake();
    await expect(panel).toHaveAttribute('data-kind', shown);
    await expect(panel).not.toBeEmpty();
  }
});

test('the mini-player page shows the same now-playing', async ({ host, page }) => {
  const app = await host.start();
  await page.goto(`${app.url}/mini.html`);
  await expect(page.getByTestId('mini-player')).toBeVisible();
  await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
});
