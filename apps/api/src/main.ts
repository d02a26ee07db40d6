import { Platform, createLogger, loadConfig, loadInstalledModules, onShutdown } from '@ketenhuis/core';
import { close, listen } from './server';

/** The API process of a production deployment: HTTP only, horizontally scalable, stateless. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const platform = await Platform.create({ config, modules: loadInstalledModules(config.modules), logger });
  const server = await listen(platform, config.port);
  logger.info({ port: config.port }, 'api listening');
  onShutdown(logger, async () => {
    await close(server);
    await platform.close();
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
