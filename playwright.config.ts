import { defineConfig } from '@playwright/test';

/**
 * UI end to end: the built renderer, served by the headless host (the real main-process logic with Node
 * adapters), in Debian's Chromium. Flags keep Chromium off the network this machine does not have.
 */
export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['electron/**'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? 'list' : 'list',
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      // GitHub runners use Playwright's own Chromium; here it is Debian's.
      executablePath: process.env.PW_BUNDLED_CHROMIUM ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
      ],
    },
  },
});
