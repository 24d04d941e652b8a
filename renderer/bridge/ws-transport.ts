import type { ClientTransport } from '../../shared/ipc/client';
import type { Unsubscribe } from '../../shared/ipc/contract-kit';
import type { WsServerFrame } from '../../shared/ipc/ws-protocol';

import type { Connection, ConnectionStatus } from './connection';
import { checkFrame, CONTRACT_PATH as WS_CONTRACT_PATH } from './contract-checks';

/** The part of the browser's WebSocket this transport uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface WsTransportOptions {
  readonly url: string;
  readonly createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; doubles on each failure up to `maxBackoffMs`. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A call with no reply by then is rejected (the client turns it into a `transport` error). */
  readonly callTimeoutMs?: number;
  /** Messages kept while the socket is not open; the oldest commands are dropped beyond it. */
  readonly maxQueued?: number;
}

export interface WsTransport extends ClientTransport, Connection {
  /** Stops reconnecting and closes the socket; pending calls are rejected. */
  close(): void;
}

type Outgoing = { t: 'call'; id: number; ch: string; p: unknown } | { t: 'cmd'; ch: string; p: unknown };

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
  /** Whether the message reached an open socket (queued calls survive a reconnect). */
  sent: boolean;
}

const OPEN = 1;

/** The reconnect delay after `attempt` consecutive failures (0-based), capped. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 16));
}

/** Parses one server frame (shared/ipc/ws-protocol.ts); anything malformed is null. */
export function parseFrame(data: unknown): WsServerFrame | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  return checkFrame(json);
}

/**
 * The contract over a WebSocket to the headless host (`ws://<host>/contract`). Messages wait in a queue
 * until the socket is open; a lost socket rejects the calls in flight and reconnects with backoff.
 */
export function createWsTransport(options: WsTransportOptions): WsTransport {
  const createSocket = options.createSocket ?? ((url: string): SocketLike => new WebSocket(url));
  const initialBackoffMs = options.initialBackoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 5000;
  const callTimeoutMs = options.callTimeoutMs ?? 15_000;
  const maxQueued = options.maxQueued ?? 200;

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus, reconnected: boolean) => void>();
  const pending = new Map<number, Pending>();
  let queue: Outgoing[] = [];
  let nextId = 1;
  let socket: SocketLike | null = null;
  let status: ConnectionStatus = 'connecting';
  let everOpened = false;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const setStatus = (next: ConnectionStatus, reconnected = false): void => {
    status = next;
    for (const listener of [...statusListeners]) listener(next, reconnected);
  };

  const transmit = (message: Outgoing): void => {
    if (socket !== null && socket.readyState === OPEN) {
      try {
        socket.send(JSON.stringify(message));
        if (message.t === 'call') {
          const entry = pending.get(message.id);
          if (entry) entry.sent = true;
        }
        return;
      } catch {
        // Fall through to the queue: the close handler will reconnect.
      }
    }
    queue.push(message);
    while (queue.length > maxQueued) {
      const dropAt = queue.findIndex((m) => m.t === 'cmd');
      queue.splice(dropAt === -1 ? 0 : dropAt, 1);
    }
  };

  const failCall = (id: number, reason: string): void => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.reject(new Error(reason));
  };

  const onMessage = (data: unknown): void => {
    const frame = parseFrame(data);
    if (frame === null) return;
    if (frame.t === 'reply') {
      const entry = pending.get(frame.id);
      if (!entry) return;
      pending.delete(frame.id);
      clearTimeout(entry.timer);
      entry.resolve(frame.r);
      return;
    }
    for (const listener of [...(listeners.get(frame.ch) ?? [])]) listener(frame.p);
  };

  const scheduleReconnect = (): void => {
    if (closed || reconnectTimer !== null) return;
    const delay = backoffDelay(attempt, initialBackoffMs, maxBackoffMs);
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  const connect = (): void => {
    if (closed) return;
    let current: SocketLike;
    try {
      current = createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      attempt = 0;
      const reconnected = everOpened;
      everOpened = true;
      const waiting = queue;
      queue = [];
      setStatus('open', reconnected);
      for (const message of waiting) transmit(message);
    };
    current.onmessage = (event) => {
      if (socket === current) onMessage(event.data);
    };
    current.onerror = () => undefined;
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      // Calls that reached the old host will never be answered; queued ones go out after reconnecting.
      for (const [id, entry] of [...pending]) if (entry.sent) failCall(id, 'connection to Trayplay lost');
      if (closed) return;
      if (everOpened && status !== 'reconnecting') setStatus('reconnecting');
      scheduleReconnect();
    };
  };

  connect();

  return {
    invoke(channel, payload) {
      if (closed) return Promise.reject(new Error('connection closed'));
      const id = nextId++;
      return new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          queue = queue.filter((m) => !(m.t === 'call' && m.id === id));
          failCall(id, 'no reply from Trayplay');
        }, callTimeoutMs);
        pending.set(id, { resolve, reject, timer, sent: false });
        transmit({ t: 'call', id, ch: channel, p: payload });
      });
    },
    send(channel, payload) {
      if (!closed) transmit({ t: 'cmd', ch: channel, p: payload });
    },
    subscribe(channel, listener): Unsubscribe {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    close() {
      closed = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      for (const id of [...pending.keys()]) failCall(id, 'connection closed');
      queue = [];
      const current = socket;
      socket = null;
      current?.close();
    },
  };
}

/**
 * The host's contract endpoint, on the same host and port that served the page, with the per-launch secret
 * the host put in the page's fragment (`#key=…`; fragments never reach a server or a Referer).
 */
export function contractUrl(location: { readonly protocol: string; readonly host: string }, key: string | null): string {
  const query = key ? `?key=${encodeURIComponent(key)}` : '';
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_CONTRACT_PATH}${query}`;
}

/** The part of `history` the key stripping uses. */
export interface HistoryLike {
  readonly state: unknown;
  replaceState(data: unknown, unused: string, url?: string): void;
}

/**
 * Reads the launch key from the fragment and takes it out of the URL: replaced, not pushed, so neither the
 * address bar, Back, a copied link nor session restore carries it. The caller keeps it in memory.
 */
export function takeLaunchKey(
  location: { readonly pathname: string; readonly search: string; readonly hash: string },
  history: HistoryLike,
): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const key = params.get('key');
  if (key === null) return null;
  params.delete('key');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return key;
}
