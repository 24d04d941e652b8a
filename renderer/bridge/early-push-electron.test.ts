// Electron: the inline early script asks for the snapshot at parse time, and main may push a newer state before
// the bridge's modules run and subscribe. ipcRenderer drops a push nobody listens to, so the early script
// listens from the same moment and the bridge takes the newest push it kept as its first.
import { expect, it } from 'vitest';

import type { AppState } from '../../shared/state/app-state';
import earlyPaintSource from '../early/early-paint.js?raw';
import { appState } from '../testing/fixtures';

it('a push between the parse-time snapshot request and boot reaches the window, newest by rev', async () => {
  const listeners = new Set<(state: AppState) => void>();
  const first = appState();
  const newer: AppState = { ...first, rev: first.rev + 2 };
  const older: AppState = { ...first, rev: first.rev + 1 };
  (window as unknown as { trayplay: unknown }).trayplay = {
    app: {
      getState: () => Promise.resolve({ ok: true, value: first }),
      onState: (listener: (state: AppState) => void) => (listeners.add(listener), () => void listeners.delete(listener)),
    },
  };
  // The inline script runs while the HTML is parsed (the page inlines this very source).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const runInline = new Function(earlyPaintSource) as () => void;
  runInline();
  await Promise.resolve();
  // Main pushes while the modules are still loading, out of order.
  for (const listener of [...listeners]) listener(newer);
  for (const listener of [...listeners]) listener(older);

  await import('./boot');
  const { peekEarlyState, takeEarlyState } = await import('./early-state');
  await new Promise((resolve) => setTimeout(resolve, 0));
  const api = (window as unknown as { trayplay: never }).trayplay;
  expect(peekEarlyState(api)?.rev).toBe(newer.rev);
  expect(takeEarlyState(api)?.latestPush()?.rev).toBe(newer.rev);
  // Once the bridge listens, the early script's own listener is gone: one listener per push, the bridge's.
  expect(listeners.size).toBe(1);
});
