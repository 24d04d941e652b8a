import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { test as base } from '@playwright/test';

import { startHost, type Host, type HostOptions } from '../electron/host/host';

export interface HostFixture {
  /** Starts the headless host (the real main-process logic) with a fresh user-data folder. */
  start(options?: Partial<HostOptions>): Promise<Host>;
  /** Every line the host logged, already redacted. */
  readonly logs: string[];
  /** URLs the app asked the system browser to open. */
  readonly opened: string[];
  readonly userDataDir: string;
}

export const test = base.extend<{ host: HostFixture }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'trayplay-e2e-'));
    const logs: string[] = [];
    const opened: string[] = [];
    const hosts: Host[] = [];
    await use({
      logs,
      opened,
      userDataDir,
      start: async (options = {}) => {
        const host = await startHost({
          rendererDir: resolve('dist/renderer'),
          userDataDir,
          logSink: (line) => logs.push(line),
          browser: { open: (url) => (opened.push(url), Promise.resolve()) },
          ...options,
        });
        hosts.push(host);
        return host;
      },
    });
    for (const host of hosts) await host.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
