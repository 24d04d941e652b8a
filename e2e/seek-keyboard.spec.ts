import { expect, test } from './host-fixture';

test('a burst of arrow-key taps on the seek bar sends one seek, to where the taps ended', async ({ host, page }) => {
  const app = await host.start();
  const seeks: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      const text = String(frame.payload);
      if (text.includes('player:seek')) seeks.push(text);
    }),
  );
  await page.goto(app.url);
  // Paused, so the position the taps start from stays put.
  await page.getByTestId('play-pause').click();
  await expect.poll(() => app.services.simulator.control.state().isPlaying).toBe(false);
  const slider = page.getByTestId('progress-slider');
  await expect(slider).toBeEnabled();
  await slider.focus();
  const start = Number(await slider.inputValue());
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');

  await expect.poll(() => app.services.simulator.control.state().progressMs).toBe(start + 5000);
  // Blurring would commit anything still pending; nothing is, so the count stays at one.
  await slider.blur();
  await page.getByTestId('next').focus();
  expect(seeks).toHaveLength(1);
  expect(seeks[0]).toContain(`"positionMs":${start + 5000}`);
});
