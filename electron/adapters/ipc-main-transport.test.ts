import { describe, expect, it, vi } from 'vitest';

import { contract } from '../../shared/contract';
import { createDispatcher } from '../../shared/ipc/dispatcher';
import { ok } from '../../shared/result';
import { memorySink, RootLogger } from '../logging/logger';

// A minimal stand-in for Electron's ipcMain: importing the real module would try to download Electron.
const handlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => unknown) => handlers.set(channel, fn),
    on: (channel: string, fn: (event: unknown, payload: unknown) => void) => listeners.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
    removeAllListeners: (channel: string) => listeners.delete(channel),
  },
}));

const { serveOverIpc } = await import('./ipc-main-transport');

const APP = 'app://trayplay/';
const event = (id: number, url = `${APP}index.html`, parent: unknown = null) => ({
  sender: { id },
  senderFrame: { url, parent },
});

function setup() {
  const captured = memorySink();
  const logger = new RootLogger({ sink: captured.sink });
  const seeks: number[] = [];
  const hidden: string[] = [];
  const small = { player: { seek: contract.player.seek }, window: { hideMini: contract.window.hideMini } } as const;
  const dispatcher = createDispatcher(
    small,
    { player: { seek: ({ positionMs }) => (seeks.push(positionMs), ok(null)) }, window: { hideMini: (_i, ctx) => hidden.push(ctx.origin) } },
    logger.scope('ipc'),
  );
  const stop = serveOverIpc(
    dispatcher,
    { roleOf: (id) => (id === 1 ? 'main' : id === 2 ? 'mini' : null), isAppUrl: (url) => url.startsWith(APP), targets: () => [] },
    logger.scope('ipc'),
  );
  return { seeks, hidden, logs: captured.lines, stop };
}

describe('Electron IPC transport', () => {
  it('registers exactly the contract channels', () => {
    const { stop } = setup();
    expect([...handlers.keys()]).toEqual(['player:seek']);
    expect([...listeners.keys()]).toEqual(['window:hideMini']);
    stop();
    expect(handlers.size + listeners.size).toBe(0);
  });

  it('runs calls from the app windows', async () => {
    const { seeks, hidden, stop } = setup();
    expect(await handlers.get('player:seek')!(event(1), { positionMs: 5 })).toEqual(ok(null));
    listeners.get('window:hideMini')!(event(2), undefined);
    expect(seeks).toEqual([5]);
    expect(hidden).toEqual(['mini']);
    stop();
  });

  it('answers an invalid payload with a typed error and a log line', async () => {
    const { seeks, logs, stop } = setup();
    const reply = await handlers.get('player:seek')!(event(1), { positionMs: 'x' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(seeks).toEqual([]);
    expect(logs.some((l) => l.includes('rejected invalid payload'))).toBe(true);
    stop();
  });

  it('refuses unknown windows, subframes and foreign pages', async () => {
    const { seeks, logs, stop } = setup();
    for (const e of [event(9), event(1, `${APP}index.html`, {}), event(1, 'https://evil.example/')]) {
      expect(await handlers.get('player:seek')!(e, { positionMs: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(seeks).toEqual([]);
    expect(logs.filter((l) => l.includes('untrusted sender'))).toHaveLength(3);
    stop();
  });
});
