import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium, type Page } from '@playwright/test';

import { startHost, type Host } from '../electron/host/host';
import type { MiniSizeMode } from '../shared/state/preferences';

import { MINI_VIEWPORTS, pageUrl } from './pages';

// `npm run screenshots`: the mini-player in each size mode (light and dark) and the main window (playing,
// onboarding, settings), from the built renderer against the headless host in demo mode, into docs/screenshots/.

const root = process.env.TRAYPLAY_ROOT ?? process.cwd();
const out = resolve(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });

const work = mkdtempSync(join(tmpdir(), 'trayplay-shots-'));
const host: Host = await startHost({ rendererDir: resolve(root, 'dist/renderer'), userDataDir: work, logSink: () => undefined });
const browser = await chromium.launch({
  executablePath: process.env.PW_BUNDLED_CHROMIUM ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  args: ['--no-sandbox', '--disable-gpu'],
});

async function settle(page: Page): Promise<void> {
  await page.getByTestId('now-playing-title').first().waitFor();
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));
  await page.waitForTimeout(300);
}

try {
  for (const theme of ['dark', 'light'] as const) {
    host.services.preferences.update({ theme });
    for (const mode of Object.keys(MINI_VIEWPORTS) as MiniSizeMode[]) {
      host.services.preferences.update({ mini: { sizeMode: mode } });
      const page = await browser.newPage({ viewport: MINI_VIEWPORTS[mode], colorScheme: theme });
      await page.goto(pageUrl(host, 'mini.html'));
      await settle(page);
      // Hovered, so the window's own buttons (and the square mode's controls) show.
      await page.mouse.move(MINI_VIEWPORTS[mode].width / 2, MINI_VIEWPORTS[mode].height / 2);
      await page.waitForTimeout(250);
      await page.screenshot({ path: join(out, `mini-${mode}-${theme}.png`) });
      await page.close();
    }
  }
  host.services.preferences.update({ theme: 'dark', mini: { sizeMode: 'compact' } });
  const main = await browser.newPage({ viewport: { width: 480, height: 760 }, colorScheme: 'dark' });
  await main.goto(pageUrl(host, 'index.html'));
  await settle(main);
  await main.screenshot({ path: join(out, 'main-playing.png') });
  await main.getByTestId('client-id-setup').scrollIntoViewIfNeeded();
  await main.screenshot({ path: join(out, 'main-onboarding.png') });
  await main.getByTestId('nav-settings').click();
  await main.getByTestId('settings').waitFor();
  await main.screenshot({ path: join(out, 'main-settings.png') });
  host.services.preferences.update({ theme: 'light' });
  await main.getByTestId('nav-player').click();
  await settle(main);
  await main.screenshot({ path: join(out, 'main-playing-light.png') });
  await main.close();
  process.stdout.write(`screenshots written to ${out}\n`);
} finally {
  await browser.close();
  await host.close();
  rmSync(work, { recursive: true, force: true });
}
