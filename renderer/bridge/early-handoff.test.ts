import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { TrayplayApi } from '../../shared/contract';
import { createCheckedClient } from '../../shared/ipc/client-core';
import type { AppState } from '../../shared/state/app-state';
import { appState } from '../testing/fixtures';

import { checkedChannels } from './contract-checks';
import { adoptingSocketFactory, EARLY_GET_STATE, earlyStateNow, withEarlyReply, type EarlyHandle } from './early-handoff';
import { createWsTransport, type SocketLike } from './ws-transport';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly sent: { t: string; id?: number; ch: string }[] = [];
  send(data: string): void {
    this.sent.push(JSON.parse(data) as { t: string; id?: number; ch: string });
  }
  close(): void {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
}

/** What renderer/early/early-paint.js leaves on `window`, driven by hand: `answer` and `close` do what its listeners do. */
function earlyScript(readyState = 1) {
  const socket = new FakeSocket();
  socket.readyState = readyState;
  let settle: (reply: unknown) => void = () => undefined;
  const handle: EarlyHandle = {
    socket: socket as unknown as WebSocket,
    adopted: false,
    frames: [],
    reply: undefined,
    replied: new Promise((resolve) => (settle = resolve)),
    snapshot: null,
    value: null,
    push: null,
    unlisten: null,
  };
  return {
    socket,
    handle,
    /** The reply frame to the script's call id 0 arrived. */
    answer(reply: unknown): void {
      handle.reply = reply;
      settle(reply);
    },
    /** The socket closed (after an error, or the host went away) before any reply. */
    closed(): void {
      settle(undefined);
    },
  };
}

const stateFrame = (state: AppState): unknown => ({ t: 'event', ch: 'app:onState', p: state });
const getStateCheck = (() => {
  const entry = checkedChannels.find((channel) => channel.channel === EARLY_GET_STATE);
  if (entry?.kind !== 'call') throw new Error('no app:getState call in the contract');
  return entry.reply;
})();

function setup(early: EarlyHandle | null, options: { timeoutMs?: number } = {}) {
  const created: FakeSocket[] = [];
  const transport = createWsTransport({
    url: 'ws://127.0.0.1:9000/contract',
    createSocket: adoptingSocketFactory(early, () => {
      const socket = new FakeSocket();
      created.push(socket);
      return socket;
    }),
    initialBackoffMs: 100,
  });
  const api = createCheckedClient<TrayplayApi>(checkedChannels, withEarlyReply(transport, early, getStateCheck, options.timeoutMs ?? 1000));
  return { transport, api, created };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('early handoff: adopting the early socket', () => {
  it('takes over the open early socket instead of opening another, and announces it open', async () => {
    const early = earlyScript();
    const { transport, created } = setup(early.handle);
    expect(created).toHaveLength(0);
    expect(early.handle.adopted).toBe(true);
    expect(transport.status()).toBe('connecting');
    await Promise.resolve();
    expect(transport.status()).toBe('open');
    transport.send('app:log', { level: 'info', message: 'on the early socket' });
    expect(early.socket.sent).toEqual([{ t: 'cmd', ch: 'app:log', p: { level: 'info', message: 'on the early socket' } }]);
  });

  it('replays the frames that came before adoption, in order and before any newer frame', async () => {
    const early = earlyScript();
    early.handle.frames.push(JSON.stringify(stateFrame(appState({ rev: 2 }))), JSON.stringify(stateFrame(appState({ rev: 3 }))));
    const { api } = setup(early.handle);
    const revs: number[] = [];
    api.app.onState((state) => revs.push(state.rev));
    await Promise.resolve();
    early.socket.receive(stateFrame(appState({ rev: 4 })));
    expect(revs).toEqual([2, 3, 4]);
    expect(early.handle.frames).toEqual([]);
  });

  it('opens a new socket when the early one is already closed, and for every reconnection after adoption', async () => {
    const gone = earlyScript(3);
    expect(setup(gone.handle).created).toHaveLength(1);

    const early = earlyScript();
    const { created } = setup(early.handle);
    await Promise.resolve();
    early.socket.close();
    await vi.advanceTimersByTimeAsync(100);
    expect(created).toHaveLength(1);
  });
});

describe('early handoff: the early reply answers the first getState', () => {
  it('answers the first getState with the early reply, checked, without a second request; later calls go out', async () => {
    const early = earlyScript();
    const { api } = setup(early.handle);
    await Promise.resolve();
    const first = api.app.getState();
    early.answer({ ok: true, value: appState({ rev: 7 }) });
    await expect(first).resolves.toMatchObject({ ok: true, value: { rev: 7 } });
    expect(early.socket.sent).toEqual([]);

    const second = api.app.getState();
    await Promise.resolve();
    expect(early.socket.sent).toEqual([{ t: 'call', id: 1, ch: 'app:getState' }]);
    early.socket.receive({ t: 'reply', id: 1, r: { ok: true, value: appState({ rev: 8 }) } });
    await expect(second).resolves.toMatchObject({ ok: true, value: { rev: 8 } });
  });

  it('passes an early error reply through as the error it is', async () => {
    const early = earlyScript();
    const { api } = setup(early.handle);
    early.answer({ ok: false, error: { code: 'not_signed_in', message: 'Sign in first' } });
    await expect(api.app.getState()).resolves.toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(early.socket.sent).toEqual([]);
  });

  it('asks normally when no early reply comes in time', async () => {
    const early = earlyScript();
    const { api } = setup(early.handle, { timeoutMs: 1000 });
    await Promise.resolve();
    const reply = api.app.getState();
    await vi.advanceTimersByTimeAsync(999);
    expect(early.socket.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(early.socket.sent).toEqual([{ t: 'call', id: 1, ch: 'app:getState' }]);
    early.socket.receive({ t: 'reply', id: 1, r: { ok: true, value: appState({ rev: 5 }) } });
    await expect(reply).resolves.toMatchObject({ ok: true, value: { rev: 5 } });
  });

  it('asks normally, on the next socket, when the early socket closed (or errored) before replying', async () => {
    const early = earlyScript();
    const { api, created } = setup(early.handle);
    await Promise.resolve();
    const reply = api.app.getState();
    early.socket.close();
    early.closed();
    await vi.advanceTimersByTimeAsync(100);
    expect(created).toHaveLength(1);
    created[0]!.open();
    expect(created[0]!.sent).toEqual([{ t: 'call', id: 1, ch: 'app:getState' }]);
    created[0]!.receive({ t: 'reply', id: 1, r: { ok: true, value: appState({ rev: 9 }) } });
    await expect(reply).resolves.toMatchObject({ ok: true, value: { rev: 9 } });
  });

  it('rejects a malformed early reply and asks normally instead', async () => {
    const early = earlyScript();
    const { api } = setup(early.handle);
    await Promise.resolve();
    const reply = api.app.getState();
    early.answer({ ok: true, value: { rev: 'not a number' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(early.socket.sent).toEqual([{ t: 'call', id: 1, ch: 'app:getState' }]);
    early.socket.receive({ t: 'reply', id: 1, r: { ok: true, value: appState({ rev: 6 }) } });
    await expect(reply).resolves.toMatchObject({ ok: true, value: { rev: 6 } });
  });

  it('leaves getState alone when there is no early socket (Electron, or no early script)', async () => {
    const { api, created } = setup(null);
    created[0]!.open();
    const reply = api.app.getState();
    expect(created[0]!.sent).toEqual([{ t: 'call', id: 1, ch: 'app:getState' }]);
    created[0]!.receive({ t: 'reply', id: 1, r: { ok: true, value: appState({ rev: 2 }) } });
    await expect(reply).resolves.toMatchObject({ ok: true, value: { rev: 2 } });
  });
});

describe('early handoff: the first frame’s state', () => {
  it('gives the early web reply only once it passes the reply check', () => {
    const early = earlyScript();
    expect(earlyStateNow(early.handle, getStateCheck)).toBeNull();
    early.answer({ ok: true, value: { rev: 'bad' } });
    expect(earlyStateNow(early.handle, getStateCheck)).toBeNull();
    early.handle.reply = { ok: true, value: appState({ rev: 3 }) };
    expect(earlyStateNow(early.handle, getStateCheck)?.rev).toBe(3);
    early.handle.reply = { ok: false, error: { code: 'offline', message: 'Offline' } };
    expect(earlyStateNow(early.handle, getStateCheck)).toBeNull();
  });

  it('gives the preload’s reply as it came (Electron checks its own replies)', () => {
    const handle: EarlyHandle = { socket: null, adopted: false, frames: [], reply: undefined, replied: Promise.resolve(undefined), snapshot: null, value: null, push: null, unlisten: null };
    expect(earlyStateNow(handle, null)).toBeNull();
    handle.value = { ok: true, value: appState({ rev: 4 }) };
    expect(earlyStateNow(handle, null)?.rev).toBe(4);
    expect(earlyStateNow(null, getStateCheck)).toBeNull();
  });
});
