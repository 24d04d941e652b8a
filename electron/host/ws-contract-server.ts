import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import type { ContractShape } from '../../shared/ipc/contract-kit';
import type { Dispatcher } from '../../shared/ipc/dispatcher';
import { WS_CONTRACT_PATH, WS_MAX_FRAME_BYTES, WsClientFrameSchema, type WsServerFrame } from '../../shared/ipc/ws-protocol';
import { describeIssues } from '../../shared/parse';
import { err } from '../../shared/result';
import type { Logger } from '../logging/logger';

/**
 * The contract over WebSocket, generated from the same dispatcher as Electron IPC. Only pages served by this
 * host (same origin) may connect, so another site open in the browser cannot drive the app.
 */
export function serveOverWebSocket<C extends ContractShape>(
  server: Server,
  dispatcher: Dispatcher<C>,
  allowedOrigin: () => string,
  log: Logger,
  /** Told how many pages are connected, whenever that changes. */
  onClients: (count: number) => void = () => undefined,
): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_FRAME_BYTES });
  const send = (socket: WebSocket, frame: WsServerFrame): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== WS_CONTRACT_PATH || request.headers.origin !== allowedOrigin()) {
      log.warn('refused a WebSocket connection', { path, origin: request.headers.origin ?? null });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  wss.on('connection', (socket: WebSocket) => {
    onClients(wss.clients.size);
    socket.on('close', () => onClients(wss.clients.size));
    socket.on('message', (data: RawData, isBinary: boolean) => {
      void handleFrame(socket, data, isBinary);
    });
    socket.on('error', (cause) => log.warn('WebSocket error', { error: cause.message }));
  });

  const handleFrame = async (socket: WebSocket, data: RawData, isBinary: boolean): Promise<void> => {
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
      const result = await dispatcher.call(frame.data.ch, frame.data.p, ctx);
      send(socket, { t: 'reply', id: frame.data.id, r: result });
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

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
