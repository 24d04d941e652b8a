import { expect, test } from './host-fixture';

// A control link or flag delivered to the running host goes through the same inbox and dispatcher as a
// second instance of the app, and the page follows.

test('trayplay://control/next delivered to the running app skips, and the page shows the new track', async ({ host, page }) => {
  const app = await host.start();
  await page.goto(app.url);
  const title = page.getByTestId('now-playing-title');
  await expect(title).not.toBeEmpty();
  const first = (await title.textContent()) ?? '';

  expect(app.deliverControl(['/usr/bin/trayplay', '--original-process-start-time=1', 'trayplay://control/next'])).toBe('ran');
  await expect(title).not.toHaveText(first);
  await expect.poll(() => app.services.simulator.control.state().itemName).toBe(await title.textContent());
});

test('--play-pause toggles playback; a link that is not a control command changes nothing and is logged', async ({ host, page }) => {
  const app = await host.start();
  await page.goto(app.url);
  const playPause = page.getByTestId('play-pause');
  await expect(playPause).toBeEnabled();
  const label = (await playPause.getAttribute('aria-label')) ?? '';

  expect(app.deliverControl('trayplay://control/seek?to=0')).toBe('rejected');
  expect(host.logs.some((line) => line.includes('control request ignored'))).toBe(true);
  await expect(playPause).toHaveAttribute('aria-label', label);

  expect(app.deliverControl(['trayplay', '--play-pause'])).toBe('ran');
  await expect(playPause).not.toHaveAttribute('aria-label', label);
  await expect.poll(() => app.services.simulator.control.state().isPlaying).toBe(label !== 'Pause');
});

test('the web preview answers diagnostics with a redacted report', async ({ host, page }) => {
  const app = await host.start();
  await page.goto(app.url);
  await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
  const reply = await page.evaluate(async () => window.trayplay.app.copyDiagnostics());
  expect(reply.ok).toBe(true);
  if (!reply.ok) return;
  expect(reply.value.copied).toBe(false);
  expect(reply.value.text).toMatch(/^Trayplay .* \(web, demo mode\)/);
  expect(reply.value.text).toContain('Sign-in: demo');
  expect(reply.value.text).not.toMatch(/access_token|refresh_token|Bearer /i);
});
