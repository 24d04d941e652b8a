import type { IncomingMessage, ServerResponse } from 'node:http';

import { isAllowedHost, isOriginFormTarget } from '../net/host-check';
import type { StaticHandler } from '../net/static-handler';

/**
 * Node's HTTP server in front of the shared static handler (the same one `app://trayplay` uses). Before the
 * handler runs: the Host header must be `127.0.0.1:<port>` (see isAllowedHost; DNS rebinding) and the target origin-form.
 */
export function serveStaticOverHttp(
  handler: StaticHandler,
  port: () => number,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    const plain = (status: number, text: string): void => {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', connection: 'close' }).end(text);
    };
    if (!isAllowedHost(request.headers.host, port())) return plain(403, 'Forbidden host');
    if (!isOriginFormTarget(request.url)) return plain(400, 'Bad request');
    let answer: Response;
    try {
      // Only the header the handler reads: which codings the browser takes (compressed assets).
      const accept = request.headers['accept-encoding'];
      answer = await handler(
        new Request(`http://127.0.0.1:${port()}${request.url}`, {
          method: request.method ?? 'GET',
          headers: typeof accept === 'string' ? { 'accept-encoding': accept } : {},
        }),
      );
    } catch {
      return plain(400, 'Bad request');
    }
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      headers[name] = value;
    });
    response.writeHead(answer.status, headers);
    response.end(answer.body === null ? undefined : Buffer.from(await answer.arrayBuffer()));
  };
}
