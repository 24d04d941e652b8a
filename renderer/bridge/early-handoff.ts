import type { ClientTransport } from '../../shared/ipc/client';
import type { Check } from '../../shared/ipc/client-core';
import type { Result } from '../../shared/result';
import type { AppState } from '../../shared/state/app-state';

import type { SocketLike } from './ws-transport';

/**
 * What the page's inline early script (renderer/early/early-paint.js) left on `window.__trayplayEarly`: the
 * snapshot it asked for before any module arrived, and (web preview) the contract WebSocket it opened.
 */
export interface EarlyHandle {
  /** Web preview: the socket, and the frames it brought before the bridge adopted it. */
  socket: WebSocket | null;
  adopted: boolean;
  frames: unknown[];
  /** The raw reply to its `app:getState` call (id 0) once in; `replied` settles with it (undefined if none came). */
  reply: unknown;
  readonly replied: Promise<unknown>;
  /** Electron: the preload API's `getState()` and, once settled, its reply. */
  readonly snapshot: Promise<Result<AppState>> | null;
  value: Result<AppState> | null;
  /** Electron: the newest state pushed before the bridge subscribed (the preload checked it), and the script's unsubscribe. */
  push: AppState | null;
  unlisten: (() => void) | null;
}

export const EARLY_GET_STATE = 'app:getState';

/** The handle, or null when the page ran without the early script (tests, an older page). */
export function earlyHandle(scope: object = globalThis): EarlyHandle | null {
  const found = (scope as { __trayplayEarly?: EarlyHandle }).__trayplayEarly;
  return found !== undefined && typeof found === 'object' ? found : null;
}

const OPEN = 1;

/**
 * A socket factory for the WebSocket transport: its first socket is the early script's (already open, maybe
 * with frames in), later ones (reconnections) are new. An adopted open socket announces `open` and replays
 * its buffered frames in a microtask, after the transport has set its handlers and before any newer frame.
 */
export function adoptingSocketFactory(
  early: EarlyHandle | null,
  create: (url: string) => SocketLike = (url) => new WebSocket(url),
): (url: string) => SocketLike {
  return (url) => {
    const socket = early?.socket ?? null;
    if (early === null || socket === null || early.adopted || socket.readyState > OPEN) return create(url);
    early.adopted = true;
    const buffered = early.frames;
    early.frames = [];
    queueMicrotask(() => {
      if (socket.readyState !== OPEN) return;
      socket.onopen?.(new Event('open'));
      for (const data of buffered) socket.onmessage?.(new MessageEvent('message', { data }));
    });
    return socket;
  };
}

/**
 * The transport, with the first `app:getState` call answered by the early script's call (already on its way
 * or in) instead of a second one. Without an early reply (socket closed first, or none by `timeoutMs`), or with
 * one that fails `check` (the `app:getState` reply check), the call goes out as usual.
 */
export function withEarlyReply(transport: ClientTransport, early: EarlyHandle | null, check: Check | null, timeoutMs = 15_000): ClientTransport {
  let pending = early !== null && early.socket !== null;
  return {
    invoke(channel, payload) {
      if (!pending || channel !== EARLY_GET_STATE) return transport.invoke(channel, payload);
      pending = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
      return Promise.race([early?.replied ?? Promise.resolve(undefined), late]).then((reply) => {
        clearTimeout(timer);
        // A malformed early reply costs only the shortcut: the call goes out and its reply is checked as usual.
        const usable = reply !== undefined && (check === null || check(reply).ok);
        return usable ? reply : transport.invoke(channel, payload);
      });
    },
    send: (channel, payload) => transport.send(channel, payload),
    subscribe: (channel, listener) => transport.subscribe(channel, listener),
  };
}

/**
 * The early snapshot if it is already here, for the window's first frame: the web reply checked like any reply
 * (`check`, the `app:getState` reply check), the preload's as the preload gave it (it checks its replies).
 */
export function earlyStateNow(early: EarlyHandle | null, check: Check | null): AppState | null {
  if (early === null) return null;
  if (early.value !== null && early.socket === null) return early.value.ok ? early.value.value : null;
  if (early.reply === undefined || check === null) return null;
  const checked = check(early.reply);
  if (!checked.ok) return null;
  const reply = checked.value as Result<AppState>;
  return reply.ok ? reply.value : null;
}
