import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';
import { ProblemError } from './problem';
import { PROBLEM_JSON } from './error-handler';

export interface ServeOptions {
  port: number;
  host: string;
  requestTimeoutMs: number;
}

/**
 * Listens with timeouts that keep slow or stuck clients from holding sockets forever, and answers
 * what Node's HTTP parser refuses before express sees it (headers over 16 KB, a request line
 * that is not HTTP) as problem+json like every other error, not with an empty body.
 */
export function serve(app: Express, opts: ServeOptions): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(opts.port, opts.host, () => resolve(server));
    server.once('error', reject);
    server.requestTimeout = opts.requestTimeoutMs + 5_000;
    server.headersTimeout = 20_000;
    server.keepAliveTimeout = 5_000;
    server.on('clientError', answerClientError);
  });
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || err.code === 'ECONNRESET') { socket.destroy(); return; }
  const problem = err.code === 'HPE_HEADER_OVERFLOW' ? new ProblemError(431, 'The request line and headers are larger than the 16 KB allowed; send long values in the body')
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? new ProblemError(408, 'The request took too long to arrive')
      : new ProblemError(400, 'The request is not valid HTTP');
  const id = randomUUID();
  const body = JSON.stringify(problem.toBody(id));
  socket.end([
    `HTTP/1.1 ${problem.status} ${REASONS[problem.status]}`, `Content-Type: ${PROBLEM_JSON}`, `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${id}`, 'Connection: close', '', body,
  ].join('\r\n'));
}
