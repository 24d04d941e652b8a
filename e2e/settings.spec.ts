import { readFileSync } from 'node:fs';

import { expectNoAxeViolations } from './axe';
import { expect, test } from './host-fixture';
import { pageUrl } from './pages';

test('a hotkey is recorded by pressing it, main’s registration report shows beside it, and reset restores the defaults', async ({ host, page }) => {
  test.setTimeout(120_000);
  const app = await host.start();
  await page.goto(pageUrl(app, 'index.html'));
  // The footer names the real version (from package.json), not 0.0.0.
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  await expect(page.getByTestId('app-info')).toHaveText(`Trayplay ${version} · ${process.platform} · web preview`);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings')).toBeVisible();
  // The web preview cannot register global shortcuts, and says so.
  await expect(page.getByTestId('shortcuts-unavailable')).toContainText('desktop app');

  const row = page.locator('[data-testid="hotkey-row"][data-command="playPause"]');
  await row.getByTestId('hotkey-record').click();
  await expect(row.getByTestId('hotkey-record')).toHaveText('Press a shortcut…');
  // A plain letter would block typing: refused, with the reason, and still recording.
  await page.keyboard.press('k');
  await expect(row.getByTestId('hotkey-status')).toContainText('modifier');
  await page.keyboard.press('Control+Alt+K');
  await expect.poll(() => app.services.preferences.values().hotkeys.bindings.playPause).toBe('CommandOrControl+Alt+K');
  await expect(row.getByTestId('hotkey-record')).toHaveText('Ctrl+Alt+K');
  await expect(row.getByTestId('hotkey-status')).toHaveText('Not applied yet');

  // Main reports what the OS made of it: taken by another application.
  app.services.desktop.patch({
    hotkeys: [{ command: 'playPause', accelerator: 'CommandOrControl+Alt+K', status: { kind: 'taken' } }],
  });
  await expect(row.getByTestId('hotkey-status')).toHaveText('Taken by another app: choose another shortcut');
  app.services.desktop.patch({
    hotkeys: [{ command: 'playPause', accelerator: 'CommandOrControl+Alt+K', status: { kind: 'conflict', with: 'next' } }],
  });
  await expect(row.getByTestId('hotkey-status')).toHaveText('Same shortcut as “Next track”');
  app.services.desktop.patch({
    hotkeys: [{ command: 'playPause', accelerator: 'CommandOrControl+Alt+K', status: { kind: 'registered' } }],
  });
  await expect(row.getByTestId('hotkey-status')).toHaveText('Registered');
  // The status is the record button's description, so a screen reader hears it with the shortcut.
  const described = await row
    .getByTestId('hotkey-record')
    .evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent);
  expect(described).toBe('Registered');

  // Escape cancels a recording without changing the binding.
  await row.getByTestId('hotkey-record').click();
  await page.keyboard.press('Escape');
  await expect(row.getByTestId('hotkey-record')).toHaveText('Ctrl+Alt+K');

  await page.getByTestId('hotkeys-reset').click();
  await expect.poll(() => app.services.preferences.values().hotkeys.bindings.playPause).toBe('CommandOrControl+Shift+Alt+P');
  await expect(row.getByTestId('hotkey-record')).toHaveText('Ctrl+Shift+Alt+P');
  await expectNoAxeViolations(page, 'settings, dark');
});

test('settings change the preferences in main; the theme follows, system included', async ({ host, page }) => {
  test.setTimeout(120_000);
  const app = await host.start();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(pageUrl(app, 'index.html'));
  await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
  // "system" (the default) follows the OS: light here, and dark when the OS turns dark.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('setting-theme-light').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(app.services.preferences.values().theme).toBe('light');
  await expectNoAxeViolations(page, 'settings, light');

  await page.getByTestId('setting-size-mode-expanded').click();
  await page.getByTestId('setting-notifications').click();
  await page.getByTestId('setting-start-at-login').click();
  await page.getByTestId('setting-media-keys-leave').click();
  await page.getByTestId('setting-auto-hide').selectOption('15');
  const opacity = page.getByTestId('setting-opacity');
  await opacity.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => app.services.preferences.values()).toMatchObject({
    mini: { sizeMode: 'expanded', autoHideMinutes: 15, opacity: 70 },
    notifications: { trackChange: true },
    startAtLogin: true,
    hotkeys: { mediaKeys: 'leave' },
  });
  // Where the web preview cannot act, the reason is a visible line tied to the control.
  await expect(page.getByTestId('setting-start-at-login-reason')).toContainText('desktop app');

  // A change made elsewhere (the mini-player, another window) shows here at once.
  app.services.preferences.update({ theme: 'dark', mini: { sizeMode: 'bar' } });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('setting-size-mode-bar')).toBeChecked();
  await expectNoAxeViolations(page, 'settings, dark after a pushed change');
});
