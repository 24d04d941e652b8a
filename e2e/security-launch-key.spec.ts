import { pageUrl } from './pages';
import { expect, test } from './host-fixture';

// The web preview's page URL carries this launch's WebSocket secret in `#key=…`. The page reads it once,
// keeps it in memory and replaces the URL, so the address bar, the back/forward list and a copied link no
// longer carry it; reconnects still present it. The browser profile does keep it (Chromium's History,
// Sessions and ukm_db record the first URL): docs/security.md, Known gaps.

test('the launch key leaves the address bar and back/forward list, the page works, and it reconnects after the host drops it', async ({ host, page }) => {
  // Low enough that the page below can make the host drop its socket (a real limit, not a test hook).
  const app = await host.start({ wsLimits: { burst: 60, perSecond: 30, maxRefusedInRow: 20 } });
  const key = new URL(app.url).hash.replace('#key=', '');
  await page.goto(pageUrl(app, 'index.html'));
  await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();

  const where = await page.evaluate(() => ({ hash: location.hash, href: location.href }));
  expect(where.hash).toBe('');
  expect(where.href).not.toContain(key);
  expect(page.url()).not.toContain(key);

  // Flood the host from the page until it closes the socket (1008), then wait for the page to come back.
  await page.evaluate(async () => {
    const api = (window as unknown as { trayplay: { app: { getInfo(): Promise<unknown> } } }).trayplay;
    await Promise.allSettled(Array.from({ length: 300 }, () => api.app.getInfo()));
  });
  await expect.poll(() => host.logs.some((line) => line.includes('closed a flooding WebSocket'))).toBe(true);
  await expect(page.getByTestId('connection-notice')).toBeHidden({ timeout: 15_000 });
  // The reconnect presented the key from memory: no upgrade was refused for a missing or wrong key.
  expect(host.logs.filter((line) => line.includes('"reason":"key"'))).toEqual([]);
  const info = await page.evaluate(() => (window as unknown as { trayplay: { app: { getInfo(): Promise<unknown> } } }).trayplay.app.getInfo());
  expect(info).toMatchObject({ ok: true, value: { name: 'Trayplay' } });
  await expect(page.getByTestId('now-playing-title')).not.toBeEmpty();
  expect(await page.evaluate(() => location.hash)).toBe('');
  // Replaced, not pushed: Back leaves the app (the blank tab it opened in), never to the keyed URL.
  await page.goBack();
  expect(page.url()).not.toContain(key);
});
