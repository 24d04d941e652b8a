import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionReset } from './router';
import { MAX_BODY_BYTES, MAX_URL_BYTES } from './params';

// Serves the web-standard handler over Node's HTTP server. Oversized requests are refused before the
// handler runs; a ConnectionReset destroys the socket, as a real reset would.

type Handler = (request: Request) => Promise<Response>;

function sendJson(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: { status, message } });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

async function collect(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

async function serve(handler: Handler, origin: () => string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? '/';
  if (rawUrl.length > MAX_URL_BYTES) return sendJson(res, 414, 'URI Too Long');
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return sendJson(res, 413, 'Request entity too large');
  const body = await collect(req);
  if (body === 'too-large') return sendJson(res, 413, 'Request entity too large');
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '');
    } catch {
      return sendJson(res, 400, 'Bad request');
    }
  }
  const method = req.method ?? 'GET';
  let request: Request;
  try {
    request = new Request(origin() + (rawUrl.startsWith('/') ? rawUrl : `/${rawUrl}`), {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' || body.length === 0 ? undefined : new Uint8Array(body),
    });
  } catch {
    return sendJson(res, 400, 'Bad request');
  }
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    if (error instanceof ConnectionReset) {
      req.socket.destroy();
      return;
    }
    return sendJson(res, 500, 'Server error');
  }
  const out = Buffer.from(await response.arrayBuffer());
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    outHeaders[key] = value;
  });
  if (response.status !== 204 && response.status !== 304) outHeaders['content-length'] = String(out.length);
  res.writeHead(response.status, outHeaders);
  res.end(method === 'HEAD' ? undefined : out);
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** How an embedder hardens the listener (the app passes its loopback limits and Host allow-list). */
export interface ListenOptions {
  /** Builds the Node server (default: plain `createServer`). */
  readonly createServer?: (listener: RequestListener) => Server;
  /** Whether to answer a request with this Host header on this port; refused with 403 otherwise. */
  readonly allowHost?: (hostHeader: string | undefined, port: number) => boolean;
}

export async function listenNode(handler: Handler, port: number, host: string, onUrl: (url: string) => void, options: ListenOptions = {}): Promise<Listening> {
  let origin = '';
  let boundPort = 0;
  const { allowHost } = options;
  const server = (options.createServer ?? createServer)((req, res) => {
    if (allowHost !== undefined && !allowHost(req.headers.host, boundPort)) return sendJson(res, 403, 'Forbidden host');
    serve(handler, () => origin, req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, 'Server error');
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  boundPort = address.port;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${hostPart}:${address.port}`;
  onUrl(origin);
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
