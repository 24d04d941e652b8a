import { describe, expect, it } from 'vitest';

import { noticeParts, noticeText } from './notice-view';

const message = 'Spotify asked Trayplay to slow down — showing the last known state';

describe('noticeText', () => {
  it('adds a countdown to main’s message, in a readable unit', () => {
    expect(noticeText({ kind: 'rateLimited', message, retryAt: 12_000 }, 0)).toBe(`${message}, checking again in 12 s`);
    expect(noticeText({ kind: 'quotaExceeded', message: 'Quota used up', retryAt: 30 * 60_000 }, 0)).toBe('Quota used up, checking again in 30 min');
  });

  it('says it is checking once due, and leaves the countdown out when main does not know', () => {
    expect(noticeParts({ kind: 'rateLimited', message, retryAt: 5_000 }, 5_000)).toEqual({ lead: message, again: 'checking again…' });
    expect(noticeText({ kind: 'offline', message: 'Offline', retryAt: null }, 0)).toBe('Offline');
  });

  it('is short in the mini-player and never blank', () => {
    expect(noticeText({ kind: 'offline', message, retryAt: 4_000 }, 0, true)).toBe('Offline · checking in 4 s');
    expect(noticeParts({ kind: 'rateLimited', message, retryAt: 4_000 }, 0, true)).toEqual({ lead: 'Slowed down', again: 'checking in 4 s' });
    expect(noticeText({ kind: 'stale', message: ' ', retryAt: null }, 0)).toBe('No answer');
  });
});
