import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import type { ContractShape } from '../../shared/ipc/contract-kit';
import type { Dispatcher } from '../../shared/ipc/dispatcher';
import { WS_CONTRACT_PATH, WS_MAX_FRAME_BYTES, WsClientFrameSchema, type WsServerFrame } from '../../shared/ipc/ws-protocol';
import { describeIssues } from '../../shared/parse';
import { err } from '../../shared/result';
import { boundedLogger } from '../logging/bounded-logger';
import type { Logger } from '../logging/logger';
import { isAllowedHost } from '../net/host-check';

import { DEFAULT_WS_LIMITS, presentedKey, secretMatches, TokenBucket, type WsLimits } from './ws-limits';

export interface WsServerOptions {
  /** The page origin allowed to connect: `http://127.0.0.1:<port>`. */
  readonly allowedOrigin: () => string;
  /** The port the HTTP server listens on, for the Host allow-list. */
  readonly port: () => number;
  /** The per-launch secret the page got in its URL fragment; it sends it as `?key=` on the upgrade. */
  readonly secret: string;
  readonly log: Logger;
  /** Told how many pages are connected, whenever that changes. */
  readonly onClients?: (count: number) => void;
  readonly limits?: Partial<WsLimits>;
  /** Milliseconds, for the rate limiter (tests pass a manual clock). */
  readonly now?: () => number;
}

type Refusal = 'host' | 'path' | 'origin' | 'key' | 'busy';
const REFUSALS: Readonly<Record<Refusal, string>> = {
  host: '403 Forbidden',
  path: '404 Not Found',
  origin: '403 Forbidden',
  key: '401 Unauthorized',
  busy: '503 Service Unavailable',
};

/**
 * The contract over WebSocket, generated from the same dispatcher as Electron IPC. A connection needs all of:
 * `Host: 127.0.0.1:<port>` (DNS rebinding), the page's own Origin (other sites in the browser), and the
 * per-launch secret (other local processes and users, who can forge any Origin). Each socket is rate
 * limited, and the number of sockets is capped, so a local peer cannot exhaust the host.
 */
export function serveOverWebSocket<C extends ContractShape>(
  server: Server,
  dispatcher: Dispatcher<C>,
  options: WsServerOptions,
): { close(): Promise<void> } {
  const { log } = options;
  const limits: WsLimits = { ...DEFAULT_WS_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const onClients = options.onClients ?? (() => undefined);
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_FRAME_BYTES });
  const send = (socket: WebSocket, frame: WsServerFrame): void => {
    if (socket.readyState !== socket.OPEN) return;
    // A peer that does not read its replies is dropped instead of growing our memory.
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(frame));
  };
  let refusedUpgrades = 0;
  // Bounded per minute: a local peer hammering the port must not fill the log, and a later refusal still shows.
  const refusalLog = boundedLogger(log, { linesPerWindow: limits.refusalLogsPerMinute, windowMs: 60_000, now });

  const refuse = (socket: Duplex, reason: Refusal, origin: string | undefined): void => {
    refusedUpgrades += 1;
    // Never the target: it holds the key.
    refusalLog.warn('refused a WebSocket connection', { reason, origin: origin?.slice(0, 100) ?? null, refusedSoFar: refusedUpgrades });
    socket.end(`HTTP/1.1 ${REFUSALS[reason]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const target = request.url ?? '';
    const path = target.split('?')[0];
    const origin = request.headers.origin;
    if (!isAllowedHost(request.headers.host, options.port())) return refuse(socket, 'host', origin);
    if (path !== WS_CONTRACT_PATH) return refuse(socket, 'path', origin);
    if (origin !== options.allowedOrigin()) return refuse(socket, 'origin', origin);
    if (!secretMatches(presentedKey(target), options.secret)) return refuse(socket, 'key', origin);
    if (wss.clients.size >= limits.maxConnections) return refuse(socket, 'busy', origin);
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  wss.on('connection', (socket: WebSocket) => {
    onClients(wss.clients.size);
    const bucket = new TokenBucket(limits.burst, limits.perSecond, now);
    const peer: Peer = { inFlight: 0, refusedInRow: 0, closing: false };
    socket.on('close', () => onClients(wss.clients.size));
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (peer.closing) return;
      if (!bucket.take() || peer.inFlight >= limits.maxInFlight) {
        peer.refusedInRow += 1;
        if (peer.refusedInRow > limits.maxRefusedInRow) {
          peer.closing = true;
          log.warn('closed a flooding WebSocket', { refused: peer.refusedInRow });
          socket.close(1008, 'too many messages');
          return;
        }
        refuseFrame(socket, data, isBinary);
        return;
      }
      peer.refusedInRow = 0;
      void handleFrame(socket, peer, data, isBinary);
    });
    socket.on('error', (cause) => log.warn('WebSocket error', { error: cause.message }));
  });

  /** Over the limit: a call still gets a typed answer (so the page never hangs); a command is dropped. */
  const refuseFrame = (socket: WebSocket, data: RawData, isBinary: boolean): void => {
    if (isBinary) return;
    const id = frameId(data);
    if (id !== null) send(socket, { t: 'reply', id, r: err('rate_limited', 'Too many requests over this connection; slow down') });
  };

  const handleFrame = async (socket: WebSocket, peer: Peer, data: RawData, isBinary: boolean): Promise<void> => {
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(rawToString(data));
    } catch {
      json = undefined;
    }
    const frame = WsClientFrameSchema.safeParse(json);
    if (!frame.success) {
      const issues = json === undefined ? 'not JSON text' : describeIssues(frame.error);
      log.warn('rejected invalid payload', { via: 'websocket', issues });
      // A frame that carries an id still gets a typed reply, so the caller is never left hanging.
      const id = typeof json === 'object' && json !== null && 'id' in json ? (json).id : null;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
        send(socket, { t: 'reply', id, r: err('invalid_payload', `Malformed frame: ${issues}`) });
      }
      return;
    }
    const ctx = { transport: 'websocket', origin: 'web' } as const;
    if (frame.data.t === 'call') {
      peer.inFlight += 1;
      try {
        const result = await dispatcher.call(frame.data.ch, frame.data.p, ctx);
        send(socket, { t: 'reply', id: frame.data.id, r: result });
      } finally {
        peer.inFlight -= 1;
      }
    } else {
      dispatcher.command(frame.data.ch, frame.data.p, ctx);
    }
  };

  const removeSink = dispatcher.addSink((channel, payload) => {
    for (const client of wss.clients) send(client, { t: 'event', ch: channel, p: payload });
  });

  return {
    close: () =>
      new Promise<void>((resolve) => {
        removeSink();
        server.off('upgrade', onUpgrade);
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

interface Peer {
  inFlight: number;
  refusedInRow: number;
  /** Closed for flooding: whatever still arrives is ignored. */
  closing: boolean;
}

/**
 * The id of a call frame, read cheaply for the over-limit answer: no parse of a flood's 64 KB frames, only a
 * look at the head, where the renderer puts it (`{"t":"call","id":7,…`).
 */
function frameId(data: RawData): number | null {
  const first = Array.isArray(data) ? (data[0] ?? Buffer.alloc(0)) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
  const head = first.subarray(0, 120).toString('utf8');
  const match = /^\{\s*"t"\s*:\s*"call"\s*,\s*"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(head);
  return match ? Number(match[1]) : null;
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
