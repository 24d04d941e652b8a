import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { isAllowedHost } from '../net/host-check';
import { createLimitedServer, type HttpLimits } from '../net/http-limits';

import { fail, ok, type Result } from '../../shared/result';

import { loopbackRedirectUri } from './redirect-uris';

/** What the browser is told after it delivered (or failed to deliver) the callback. */
export interface LoopbackVerdict {
  readonly accepted: boolean;
  readonly message: string;
}

export interface LoopbackReceiver {
  readonly port: number;
  /** The redirect URI for this listener, with its ephemeral port. */
  readonly redirectUri: string;
  close(): Promise<void>;
}

/** The listening receiver, or why it could not start (in words for the user). */
export type LoopbackStart = Result<LoopbackReceiver, string>;
export type StartLoopback = (onCallback: (url: string) => LoopbackVerdict) => Promise<LoopbackStart>;

/** The receiver answers one redirect: a handful of sockets is plenty, and anything slow is cut early. */
const RECEIVER_LIMITS: Partial<HttpLimits> = { maxConnections: 16, headersTimeoutMs: 5_000, requestTimeoutMs: 10_000 };

/**
 * A one-shot HTTP listener on 127.0.0.1 (never another interface) on an ephemeral port. Only `GET /callback`
 * is answered; the owner closes it once the attempt ends, succeeds or times out. `limits` are for tests.
 */
export const startLoopbackReceiverWith = (limits: Partial<HttpLimits> = {}): StartLoopback => (onCallback) =>
  new Promise((resolve) => {
    const server = createLimitedServer((request, response) => handle(request, response, onCallback, port()), { ...RECEIVER_LIMITS, ...limits });
    const port = (): number => (server.address() as AddressInfo | null)?.port ?? 0;
    server.on('error', (cause) => resolve(fail(`The sign-in listener could not start (${cause.message})`)));
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      let closed: Promise<void> | null = null;
      resolve(
        ok({
          port: port(),
          redirectUri: loopbackRedirectUri(port()),
          // Stop accepting at once; a response being written still finishes (Connection: close), and
          // anything left open is cut after a moment.
          close: () =>
            (closed ??= new Promise<void>((done) => {
              server.close(() => done());
              server.closeIdleConnections();
              setTimeout(() => server.closeAllConnections(), 1000).unref();
            })),
        }),
      );
    });
  });

export const startLoopbackReceiver: StartLoopback = startLoopbackReceiverWith();

function handle(request: IncomingMessage, response: ServerResponse, onCallback: (url: string) => LoopbackVerdict, port: number): void {
  const path = (request.url ?? '').split('?')[0];
  // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach the receiver.
  if (!isAllowedHost(request.headers.host, port)) {
    respond(response, 403, 'Forbidden', 'This address only accepts the sign-in redirect.');
    return;
  }
  if (request.method !== 'GET' || path !== '/callback') {
    respond(response, 404, 'Not found', 'There is nothing here.');
    return;
  }
  const verdict = onCallback(`http://127.0.0.1:${port}${request.url ?? ''}`);
  respond(
    response,
    verdict.accepted ? 200 : 400,
    verdict.accepted ? 'Trayplay' : 'Trayplay: sign-in problem',
    `${verdict.message} You can close this window.`,
  );
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function respond(response: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;margin:3rem"><p>${escapeHtml(text)}</p></body></html>`;
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // The callback URL holds the code: keep it out of Referer headers and never allow scripts.
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  });
  response.end(body);
}
