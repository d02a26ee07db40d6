import type { Logger } from 'pino';

/**
 * Stops the process cleanly on SIGINT/SIGTERM: runs `stop` once, forces exit if it takes longer
 * than `graceMs` (Kubernetes sends SIGKILL after its own grace period anyway), exits 0 otherwise.
 */
export function onShutdown(logger: Logger, stop: () => Promise<void>, graceMs = 15_000): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, graceMs);
    force.unref();
    stop().then(
      () => { logger.info('stopped'); process.exit(0); },
      (err) => { logger.error({ err }, 'shutdown failed'); process.exit(1); },
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
