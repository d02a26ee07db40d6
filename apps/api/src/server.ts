import type { Server } from 'node:http';
import type { Platform } from '@ketenhuis/core';

/** Listens with timeouts that keep slow or stuck clients from holding sockets forever. */
export function listen(platform: Platform, port: number, host = '0.0.0.0'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = platform.createApp().listen(port, host, () => resolve(server));
    server.once('error', reject);
    server.requestTimeout = platform.config.requestTimeoutMs + 5_000;
    server.headersTimeout = 20_000;
    server.keepAliveTimeout = 5_000;
  });
}

/** Stops accepting, lets in-flight requests finish, then drops idle keep-alive sockets. */
export async function close(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
}
