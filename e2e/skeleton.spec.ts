import { expect, test } from './host-fixture';

test('the renderer served by the headless host shows the snapshot, then a pushed update', async ({ host, page }) => {
  const app = await host.start();
  await page.goto(app.url);
  // The snapshot: demo mode, something playing on the simulated account.
  await expect(page.getByTestId('auth-state')).toHaveAttribute('data-kind', 'demo');
  const title = page.getByTestId('now-playing-title');
  await expect(title).not.toBeEmpty();
  const before = await title.textContent();

  // Someone skips on another device; main's logic notices and pushes the new state.
  app.services.simulator.control.externalAction({ type: 'next' });
  app.services.wake();
  await expect(title).not.toHaveText(before ?? '');
});

test('an invalid payload over the WebSocket gets a typed error reply and a log line', async ({ host, page }) => {
  const app = await host.start();
  await page.goto(app.url);
  // The page takes the launch key out of its URL once it has read it; the test has it from the URL it opened.
  const launchKey = new URLSearchParams(new URL(app.url).hash.slice(1)).get('key') ?? '';
  const reply = await page.evaluate(
    (key: string) =>
      new Promise<unknown>((resolve) => {
        const socket = new WebSocket(`ws://${location.host}/contract?key=${key}`);
        socket.onopen = () => socket.send(JSON.stringify({ t: 'call', id: 41, ch: 'player:setVolume', p: { percent: 'loud' } }));
        socket.onmessage = (message: MessageEvent<string>) => {
          const frame = JSON.parse(message.data) as { t: string; id?: number };
          if (frame.t === 'reply' && frame.id === 41) resolve(frame);
        };
      }),
    launchKey,
  );
  expect(reply).toMatchObject({ t: 'reply', id: 41, r: { ok: false, error: { code: 'invalid_payload' } } });
  expect(host.logs.some((line) => line.includes('rejected invalid payload'))).toBe(true);
  // Nothing crashed: the page still gets answers.
  await expect(page.getByTestId('auth-state')).toHaveAttribute('data-kind', 'demo');
});
