import type { Server } from 'node:http';
import type { Platform } from '@ketenhuis/core';

/** Listens on all interfaces unless told otherwise (see Platform.listen). */
export function listen(platform: Platform, port: number, host = '0.0.0.0'): Promise<Server> {
  return platform.listen(port, host);
}

/** Stops accepting, lets in-flight requests finish, then drops idle keep-alive sockets. */
export async function close(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
}
