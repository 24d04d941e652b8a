import { createSimulator, type Simulator } from '../simulator/index';
import { simulatorEndpoints } from '../electron/auth/endpoints';

import { expect, test } from './host-fixture';

const CLIENT_ID = '0123456789abcdef0123456789abcdef';

/** "Spotify" for these tests: a simulator with the user's own app registered, on loopback. */
async function spotify(): Promise<{ sim: Simulator; url: string; close(): Promise<void> }> {
  const sim = createSimulator({
    clients: [{ clientId: CLIENT_ID, redirectUris: ['trayplay://callback', 'http://127.0.0.1/callback'] }],
    scenario: { accountName: 'Ada Listener' },
  });
  const { url, close } = await sim.listen(0, '127.0.0.1');
  return { sim, url, close };
}

test('signs in with the user’s own Client ID through the loopback redirect, the test playing the browser', async ({ host, page, context }) => {
  const real = await spotify();
  try {
    const app = await host.start({ services: { endpointsOverride: simulatorEndpoints(real.url) } });
    await page.goto(app.url);
    await expect(page.getByTestId('auth-state')).toHaveAttribute('data-kind', 'demo');

    // Onboarding: the redirect URIs to register are shown; a malformed Client ID is refused as typed.
    await expect(page.getByTestId('client-id-setup')).toContainText('http://127.0.0.1/callback');
    await page.getByTestId('client-id-input').fill('not-a-client-id');
    await expect(page.getByTestId('sign-in')).toBeDisabled();
    await page.getByTestId('client-id-input').fill(CLIENT_ID);
    await page.getByTestId('redirect-mode-loopback').check();
    await page.getByTestId('sign-in').click();
    await expect(page.getByTestId('auth-state')).toHaveAttribute('data-kind', 'authorizing');

    // The system browser: Spotify's consent page, then Approve.
    await expect.poll(() => host.opened.length).toBe(1);
    const browser = await context.newPage();
    await browser.goto(host.opened[0]!);
    await expect(browser.getByText('Ada Listener')).toBeVisible();
    await browser.getByRole('button', { name: 'Approve' }).click();
    await expect(browser.locator('body')).toContainText(/close this (window|tab)/i);

    await expect(page.getByTestId('auth-state')).toHaveAttribute('data-kind', 'signedIn');
    await expect(page.getByTestId('account-name')).toContainText('Ada Listener');
    // Now playing comes from the user's account, no longer from the demo.
    real.sim.control.setPlaying('episode');
    app.services.wake();
    await expect(page.getByTestId('now-playing-title')).toHaveText(real.sim.control.state().itemName ?? '');

    // Tokens stay in main: nothing the page can see holds one.
    const seen = await page.evaluate(async () => JSON.stringify(await window.trayplay.app.getState()));
    expect(seen).not.toMatch(/access_token|refresh_token|BQ[A-Za-z0-9_-]{20,}/);
  } finally {
    await real.close();
  }
});

test('says so when the user cancels on the consent page', async ({ host, page, context }) => {
  const real = await spotify();
  try {
    const app = await host.start({ services: { endpointsOverride: simulatorEndpoints(real.url) } });
    await page.goto(app.url);
    await page.getByTestId('client-id-input').fill(CLIENT_ID);
    await page.getByTestId('redirect-mode-loopback').check();
    await page.getByTestId('sign-in').click();
    await expect.poll(() => host.opened.length).toBe(1);
    const browser = await context.newPage();
    await browser.goto(host.opened[0]!);
    await browser.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('auth-state')).toHaveAttribute('data-kind', 'signedOut');
    await expect(page.getByTestId('auth-state')).toContainText('You cancelled the sign-in');
  } finally {
    await real.close();
  }
});

test('signs in through the trayplay:// redirect handed over by the OS', async ({ host, page }) => {
  const real = await spotify();
  try {
    // The headless host has no scheme handler; the test plays the OS and delivers the URL itself.
    const app = await host.start({
      services: { endpointsOverride: simulatorEndpoints(real.url), protocol: { register: () => ({ ok: true, value: null }) } },
    });
    await page.goto(app.url);
    await page.getByTestId('client-id-input').fill(CLIENT_ID);
    await page.getByTestId('redirect-mode-protocol').click();
    await expect(page.getByTestId('redirect-mode-protocol')).toBeChecked();
    await page.getByTestId('sign-in').click();
    await expect.poll(() => host.opened.length).toBe(1);
    const redirect = await real.sim.control.approve(host.opened[0]!);
    expect(redirect.startsWith('trayplay://callback?')).toBe(true);
    app.services.handleProtocolUrl(redirect);
    await expect(page.getByTestId('auth-state')).toHaveAttribute('data-kind', 'signedIn');
    // A replayed callback is ignored.
    app.services.handleProtocolUrl(redirect);
    await expect(page.getByTestId('auth-state')).toHaveAttribute('data-kind', 'signedIn');
  } finally {
    await real.close();
  }
});
