import { defineConfig } from '@playwright/test';

/** The real Electron app through Playwright's `_electron`; skipped where no Electron binary is installed. */
export default defineConfig({
  testDir: '.',
  workers: 1,
  timeout: 60_000,
  reporter: 'list',
  use: { trace: 'retain-on-failure' },
});
