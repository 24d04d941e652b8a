import { expect, test } from './host-fixture';
import { MINI_VIEWPORTS, pageUrl } from './pages';

test('offline: "Retry now" shows in both windows and looks again at once when the network is back', async ({ host, page, context }) => {
  test.setTimeout(120_000);
  const app = await host.start();
  await page.goto(pageUrl(app, 'index.html'));
  await expect(page.getByTestId('now-playing')).toHaveAttribute('data-kind', 'item');
  const { control } = app.services.simulator;
  control.injectFault({ resets: 1_000_000 });
  app.services.wake();
  const retry = page.getByTestId('fix-retry');
  await expect(retry).toHaveText('Retry now', { timeout: 15_000 });
  const mini = await context.newPage();
  await mini.setViewportSize(MINI_VIEWPORTS.compact);
  await mini.goto(pageUrl(app, 'mini.html'));
  await expect(mini.getByTestId('fix-retry')).toHaveText('Retry now');

  control.clearFaults();
  const readsBefore = control.counters()['GET /v1/me/player'] ?? 0;
  await mini.getByTestId('fix-retry').click();
  await expect.poll(() => control.counters()['GET /v1/me/player'] ?? 0, { timeout: 3000 }).toBeGreaterThan(readsBefore);
  for (const window of [page, mini]) await expect(window.getByTestId('fix-retry')).toHaveCount(0, { timeout: 3000 });
});

test('no active device: Play offers "Choose a device…" (mini) or the devices (main), and choosing one plays there', async ({ host, page, context }) => {
  test.setTimeout(120_000);
  // Nothing active and no device used yet, so Trayplay cannot pick one itself.
  const app = await host.start({ services: { demoStartsIdle: true } });
  const { control } = app.services.simulator;

  // Mini-player (compact): the action opens the main window (a tab in the web preview), where the devices are.
  const mini = await context.newPage();
  await mini.setViewportSize(MINI_VIEWPORTS.compact);
  await mini.goto(pageUrl(app, 'mini.html'));
  await expect(mini.getByTestId('now-playing-title')).toHaveText('Nothing playing');
  await mini.getByTestId('play-pause').click();
  const miniChoose = mini.getByTestId('fix-choose-device');
  await expect(miniChoose).toHaveText('Choose a device…');
  const opened = context.waitForEvent('page');
  await miniChoose.click();
  await expect((await opened).getByTestId('devices')).toBeVisible();

  // Main window: the error lists the devices to play on; one press starts playback there.
  await page.goto(pageUrl(app, 'index.html'));
  await expect(page.getByTestId('now-playing')).toHaveAttribute('data-kind', 'idle');
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('error-message')).toContainText(/No Spotify device is active/);
  const option = page.getByTestId('device-picker-option').first();
  const deviceId = await option.getAttribute('data-device-id');
  await option.click();
  await expect.poll(() => control.state()).toMatchObject({ isPlaying: true, activeDeviceId: deviceId });
  await expect(page.getByTestId('device-picker')).toHaveCount(0);
});
