/**
 * Test only: a worker process as apps/worker runs one, against a test platform's database and
 * Redis prefix, so a test can SIGKILL it. Its clock stands still at KETENHUIS_TEST_CLOCK (a
 * process cannot share the test's ManualClock); the configuration comes whole from
 * KETENHUIS_TEST_WORKER_CONFIG. Started by spawnDeadlineWorker (deadline-child.test-support.ts).
 */
import pino from 'pino';
import type { PlatformConfig } from '../../kernel/config/config';
import { onShutdown } from '../../kernel/lifecycle';
import { Platform } from '../../platform';
import { deadlineTestChain } from './deadline-chain.test-support';

async function main(): Promise<void> {
  const config = JSON.parse(process.env.KETENHUIS_TEST_WORKER_CONFIG ?? '') as PlatformConfig;
  const at = new Date(process.env.KETENHUIS_TEST_CLOCK ?? '');
  if (Number.isNaN(at.getTime())) throw new Error('KETENHUIS_TEST_CLOCK must be an ISO 8601 instant');
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const platform = await Platform.create({ config, modules: [deadlineTestChain], logger, clock: { now: () => new Date(at) } });
  await platform.startWorker();
  onShutdown(logger, () => platform.close());
  process.send?.('ready');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
