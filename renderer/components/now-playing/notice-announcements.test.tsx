import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { render, type Rendered } from '../../testing/render';

import { PlaybackNotice } from './playback-notice';
import { RetryCountdown } from './retry-countdown';

let view: Rendered | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await view?.unmount();
  view = null;
});

const live = (container: HTMLElement): HTMLElement[] => [...container.querySelectorAll<HTMLElement>('[role="status"], [aria-live]')];
const tick = (ms: number): void => act(() => void vi.advanceTimersByTime(ms));

describe('stale-state notice and retry countdown: announced once, counted down visually', () => {
  for (const compact of [false, true]) {
    it(`the playback notice is one polite announcement whose text does not tick${compact ? ' (mini-player)' : ''}`, async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
      const notice = { kind: 'rateLimited', message: 'Spotify asked Trayplay to slow down', retryAt: Date.now() + 20_500 } as const;
      view = await render(<PlaybackNotice notice={notice} compact={compact} />);
      const regions = live(view.container);
      expect(regions).toHaveLength(1);
      const region = regions[0]!;
      expect(region.getAttribute('aria-live') ?? 'polite').toBe('polite');
      const announced = region.textContent;
      expect(announced).toMatch(/^Spotify asked Trayplay to slow down\. Trayplay will look again in (20|21) s\.$/);
      const shown = view.byTestId('playback-notice').textContent;

      tick(3000);
      // The visible countdown moved; what a screen reader was told did not.
      expect(view.byTestId('playback-notice').textContent).not.toBe(shown);
      expect(region.textContent).toBe(announced);
      // The ticking line itself is not read out: only the announcement speaks.
      expect(view.byTestId('playback-notice').closest('[aria-hidden="true"]')).not.toBeNull();
    });
  }

  it('the retry announcement does not change as the seconds tick', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    view = await render(<RetryCountdown retryAt={Date.now() + 30_500} />);
    const announcement = view.byTestId('retry-announcement');
    const said = announcement.textContent;
    const shown = view.byTestId('retry-countdown').textContent;
    for (let i = 0; i < 5; i += 1) {
      tick(1000);
      expect(announcement.textContent).toBe(said);
    }
    expect(view.byTestId('retry-countdown').textContent).not.toBe(shown);
  });
});
