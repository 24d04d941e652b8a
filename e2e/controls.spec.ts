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

test('an ad, an episode, a private session and nothing playing never blank the window', async ({ host, page }) => {
  const app = await host.start();
  await page.goto(app.url);
  const panel = page.getByTestId('now-playing');
  const { control } = app.services.simulator;
  const privateSession = (): void => {
    const deviceId = control.state().activeDeviceId;
    if (deviceId === null) throw new Error('no active device to make private');
    control.externalAction({ type: 'privateSession', deviceId, on: true });
  };
  for (const [enter, shown] of [
    [() => control.setPlaying('ad'), 'ad'],
    [() => control.setPlaying('episode'), 'item'],
    [privateSession, 'private'],
    [() => control.setPlaying('nothing'), 'idle'],
  ] as const) {
    enter();
    app.services.wake();
    await expect(panel).toHaveAttribute('data-kind', shown);
    await expect(panel).not.toBeEmpty();
    if (shown === 'private') {
      // Spotify hides the item, not the device: the window names it and play/pause still works.
      await expect(page.getByTestId('now-playing-title')).toHaveText(/^Private session on .+/);
      await expect(page.getByTestId('play-pause')).toBeEnabled();
    }
  }
});

test('the mini-player page shows the same now-playing', async ({ host, page }) => {
  const app = await host.start();
  await page.goto(app.pageUrl('mini.html'));
  await expect(page.getByTestId('mini-player')).toBeVisible();
  await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
});

test('a rate limit keeps the track on screen with a notice, until Trayplay looks again', async ({ host, page }) => {
  const app = await host.start();
  await page.goto(app.url);
  const panel = page.getByTestId('now-playing');
  await expect(panel).toHaveAttribute('data-kind', 'item');
  app.services.simulator.control.injectFault({ rateLimitStorm: { retryAfterSec: 3, count: 1 } });
  app.services.wake();
  const notice = page.getByTestId('playback-notice');
  await expect(notice).toHaveAttribute('data-kind', 'rateLimited');
  await expect(notice).toContainText(/checking again in \d+ s/);
  await expect(panel).toHaveAttribute('data-kind', 'item');
  // Looking at the window asks for a read as soon as Retry-After allows; it reads well and clears the notice.
  app.services.wake();
  await expect(notice).toHaveCount(0, { timeout: 6_000 });
  await expect(panel).toHaveAttribute('data-kind', 'item');
});
