import { hasDbusDaemon, hasPlayerctl, playerctl, startPrivateBus, type PrivateBus } from '../electron/testing/private-bus';

import { expect, test } from './host-fixture';

// The Linux media session end to end: playerctl (as the desktop's media keys and widgets would) drives the
// headless host over a private session bus, and the page in Chromium shows what happened.

let bus: PrivateBus | null = null;
const tools = (async () => (await hasDbusDaemon()) && (await hasPlayerctl()))();

test.beforeAll(async () => {
  if (await tools) bus = await startPrivateBus();
});
test.afterAll(async () => {
  await bus?.stop();
});

test('playerctl controls Trayplay through MPRIS and the window follows', async ({ host, page }) => {
  test.skip(!(await tools), 'dbus-daemon or playerctl is not installed (.ci/run installs both)');
  const privateBus = bus!;
  const app = await host.start({ mpris: { address: privateBus.address } });
  await page.goto(app.url);
  const title = page.getByTestId('now-playing-title');
  await expect(title).not.toBeEmpty();
  await expect.poll(() => app.services.desktop.get().mediaSession.kind).toBe('published');
  await expect.poll(() => playerctl(privateBus, ['-p', 'trayplay', 'metadata', 'title'])).toBe(await title.textContent());

  const first = await title.textContent();
  await playerctl(privateBus, ['-p', 'trayplay', 'next']);
  await expect(title).not.toHaveText(first ?? '');
  await expect.poll(() => app.services.simulator.control.state().itemName).toBe(await title.textContent());
  await expect.poll(() => playerctl(privateBus, ['-p', 'trayplay', 'metadata', 'title'])).toBe(await title.textContent());

  const playPause = page.getByTestId('play-pause');
  const label = await playPause.getAttribute('aria-label');
  await playerctl(privateBus, ['-p', 'trayplay', 'play-pause']);
  await expect(playPause).not.toHaveAttribute('aria-label', label ?? '');
  await expect.poll(() => playerctl(privateBus, ['-p', 'trayplay', 'status'])).toBe(label === 'Pause' ? 'Paused' : 'Playing');
});

test('the settings switch takes Trayplay off the media controls and back, live', async ({ host, page }) => {
  test.skip(!(await tools), 'dbus-daemon or playerctl is not installed (.ci/run installs both)');
  const privateBus = bus!;
  const app = await host.start({ mpris: { address: privateBus.address } });
  const players = async () => (await playerctl(privateBus, ['-l'])).split('\n');
  await page.goto(app.url);
  await expect.poll(players).toContain('trayplay');
  await page.getByTestId('nav-settings').click();
  const publish = page.getByTestId('setting-media-publish');
  await expect(publish).toBeChecked();

  // A controlled switch: it shows the new state once main has stored it, so click and wait for that.
  await publish.click();
  await expect(publish).not.toBeChecked();
  await expect.poll(players).not.toContain('trayplay');
  await expect(page.getByTestId('media-session-status')).not.toBeEmpty();
  await publish.click();
  await expect(publish).toBeChecked();
  await expect.poll(players).toContain('trayplay');
});
