import { Platform, createLogger, loadConfig, loadInstalledModules, onShutdown } from '@ketenhuis/core';

/** The worker process of a production deployment: queues, job schedulers and the outbox relay. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const platform = await Platform.create({ config, modules: loadInstalledModules(config.modules), logger });
  await platform.startWorker();
  onShutdown(logger, () => platform.close());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
