import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { contract } from '../../shared/contract';
import { createClient } from '../../shared/ipc/client';

import { backoffDelay, contractUrl, createWsTransport, parseFrame, type SocketLike } from './ws-transport';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly sent: unknown[] = [];
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
}

function setup(options: { callTimeoutMs?: number } = {}) {
  const sockets: FakeSocket[] = [];
  const transport = createWsTransport({
    url: 'ws://127.0.0.1:9000/contract',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    initialBackoffMs: 100,
    maxBackoffMs: 1000,
    ...options,
  });
  const last = (): FakeSocket => sockets[sockets.length - 1]!;
  return { transport, sockets, last };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ws transport', () => {
  it('queues messages until the socket opens, then sends them in order', () => {
    const { transport, last } = setup();
    void transport.invoke('app:getState', undefined);
    transport.send('app:log', { level: 'info', message: 'hi' });
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent).toEqual([
      { t: 'call', id: 1, ch: 'app:getState' },
      { t: 'cmd', ch: 'app:log', p: { level: 'info', message: 'hi' } },
    ]);
  });

  it('resolves a call with the reply of the same id', async () => {
    const { transport, last } = setup();
    last().open();
    const first = transport.invoke('player:next', undefined);
    const second = transport.invoke('player:previous', undefined);
    last().receive({ t: 'reply', id: 2, r: { ok: true, value: 'second' } });
    last().receive({ t: 'reply', id: 1, r: { ok: true, value: 'first' } });
    await expect(first).resolves.toEqual({ ok: true, value: 'first' });
    await expect(second).resolves.toEqual({ ok: true, value: 'second' });
  });

  it('delivers events to subscribers of their channel only', () => {
    const { transport, last } = setup();
    last().open();
    const states: unknown[] = [];
    const others: unknown[] = [];
    const unsubscribe = transport.subscribe('app:onState', (p) => states.push(p));
    transport.subscribe('other:event', (p) => others.push(p));
    last().receive({ t: 'event', ch: 'app:onState', p: { rev: 1 } });
    unsubscribe();
    last().receive({ t: 'event', ch: 'app:onState', p: { rev: 2 } });
    expect(states).toEqual([{ rev: 1 }]);
    expect(others).toEqual([]);
  });

  it('ignores malformed frames', () => {
    expect(parseFrame('not json')).toBeNull();
    expect(parseFrame('{"t":"reply"}')).toBeNull();
    expect(parseFrame(42)).toBeNull();
    expect(parseFrame('{"t":"event","ch":"a:b","p":1}')).toEqual({ t: 'event', ch: 'a:b', p: 1 });
  });

  it('rejects calls in flight when the socket closes, and the client turns that into a transport error', async () => {
    const { transport, last } = setup();
    const api = createClient(contract, transport);
    last().open();
    const reply = api.player.next();
    last().drop();
    await expect(reply).resolves.toMatchObject({ ok: false, error: { code: 'transport' } });
  });

  it('reconnects with growing backoff and reports the reconnection', () => {
    const { transport, sockets, last } = setup();
    const statuses: Array<[string, boolean]> = [];
    transport.onStatus((status, reconnected) => statuses.push([status, reconnected]));
    last().open();
    last().drop();
    expect(transport.status()).toBe('reconnecting');
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    last().open();
    expect(statuses).toEqual([
      ['open', false],
      ['reconnecting', false],
      ['open', true],
    ]);
  });

  it('sends calls made while disconnected once reconnected', async () => {
    const { transport, last } = setup();
    last().open();
    last().drop();
    const reply = transport.invoke('player:next', undefined);
    vi.advanceTimersByTime(100);
    last().open();
    expect(last().sent).toEqual([{ t: 'call', id: 1, ch: 'player:next' }]);
    last().receive({ t: 'reply', id: 1, r: { ok: true, value: null } });
    await expect(reply).resolves.toEqual({ ok: true, value: null });
  });

  it('times out a call that gets no reply', async () => {
    const { transport } = setup({ callTimeoutMs: 500 });
    const reply = transport.invoke('player:next', undefined);
    vi.advanceTimersByTime(500);
    await expect(reply).rejects.toThrow(/no reply/);
  });

  it('stops for good when closed', async () => {
    const { transport, sockets, last } = setup();
    last().open();
    const reply = transport.invoke('player:next', undefined);
    transport.close();
    await expect(reply).rejects.toThrow(/closed/);
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });

  it('computes capped backoff and the endpoint URL', () => {
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, 250, 5000))).toEqual([250, 500, 1000, 2000, 5000]);
    expect(contractUrl({ protocol: 'http:', host: '127.0.0.1:4000' }, null)).toBe('ws://127.0.0.1:4000/contract');
    expect(contractUrl({ protocol: 'https:', host: 'x' }, null)).toBe('wss://x/contract');
  });

  it('sends the per-launch secret taken from the page fragment', () => {
    expect(contractUrl({ protocol: 'http:', host: '127.0.0.1:4000' }, 'a-b_C9')).toBe('ws://127.0.0.1:4000/contract?key=a-b_C9');
    expect(contractUrl({ protocol: 'http:', host: '127.0.0.1:4000' }, '')).toBe('ws://127.0.0.1:4000/contract');
  });
});
