import type { Job, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { JobPayload } from '@ketenhuis/sdk';
import type { ModuleRegistry } from '../modules/module-registry';
import type { UnitOfWork } from '../tenancy/unit-of-work';
import type { TenantRegistry } from '../tenancy/tenants';
import type { QueueFactory } from '../queues/queue-backend';
import type { PlatformMetrics } from '../observability/metrics';
import { EventDispatcher } from '../outbox/event-dispatcher';
import { EVENTS_QUEUE, OutboxRelay, type OutboxJobData } from '../outbox/outbox-relay';
import type { DataSource } from 'typeorm';

export interface WorkerHostDeps {
  db: DataSource;
  registry: ModuleRegistry;
  uow: UnitOfWork;
  tenants: TenantRegistry;
  queues: QueueFactory;
  logger: Logger;
  metrics: PlatformMetrics;
  outboxPollMs: number;
}

/**
 * Runs every module's queues and job schedulers, the outbox relay and the event dispatcher.
 * Each job runs in the tenant unit of work named by its payload (Twenty's shape: tenant in the
 * payload, a fresh DI context per job).
 */
export class WorkerHost {
  private workers: Worker[] = [];
  private relay?: OutboxRelay;
  private readonly slugs = new Map<string, string>();

  constructor(private readonly deps: WorkerHostDeps) {}

  async start(): Promise<void> {
    const { queues, registry, uow, logger, metrics } = this.deps;
    await queues.assertProductionSettings();

    for (const q of registry.queues) {
      this.workers.push(queues.worker(q.name, async (job: Job) => {
        const data = job.data as JobPayload;
        const tenantSlug = await this.tenantSlug(data.tenantId);
        await uow.run({ tenantId: data.tenantId, tenantSlug, correlationId: data.correlationId ?? undefined }, (scope) =>
          q.process({ id: job.id ?? '', name: job.name, attempt: job.attemptsMade + 1, data }, scope));
      }, { concurrency: q.concurrency ?? 5 }));
    }

    const dispatcher = new EventDispatcher(registry, uow, logger);
    this.workers.push(queues.worker(EVENTS_QUEUE, async (job: Job) => {
      const data = job.data as OutboxJobData;
      await dispatcher.dispatch(data, await this.tenantSlug(data.tenantId));
    }, { concurrency: 10 }));

    for (const w of this.workers) {
      w.on('completed', (job) => metrics.jobs.inc({ queue: job.queueName, result: 'completed' }));
      w.on('failed', (job, err) => {
        metrics.jobs.inc({ queue: job?.queueName ?? 'unknown', result: 'failed' });
        logger.warn({ queue: job?.queueName, jobId: job?.id, err: err.message }, 'job failed');
      });
    }

    await this.syncSchedules();
    this.relay = new OutboxRelay(this.deps.db, queues.queue(EVENTS_QUEUE, { failFast: true }), logger, metrics, { pollMs: this.deps.outboxPollMs });
    this.relay.start();
    logger.info({ queues: registry.queues.map((q) => q.name), schedules: registry.schedules.length }, 'worker started');
  }

  /** One job scheduler per (schedule, tenant that enabled the module); idempotent upserts. */
  async syncSchedules(): Promise<void> {
    if (!this.deps.registry.schedules.length) return;
    const tenants = await this.deps.tenants.list();
    for (const s of this.deps.registry.schedules) {
      const queue = this.deps.queues.queue(s.queue);
      for (const t of tenants.filter((t) => t.modules.includes(s.moduleId))) {
        await queue.upsertJobScheduler(`${s.id}:${t.id}`, { pattern: s.cron, tz: 'UTC' }, { name: s.id, data: { tenantId: t.id } });
      }
    }
  }

  /** Lets running jobs finish (BullMQ waits for them), then stops the relay. */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers = [];
    await this.relay?.stop();
  }

  private async tenantSlug(tenantId: string): Promise<string> {
    const known = this.slugs.get(tenantId);
    if (known) return known;
    const tenant = typeof tenantId === 'string' && /^[0-9a-f-]{36}$/.test(tenantId) ? await this.deps.tenants.findById(tenantId) : undefined;
    if (!tenant) throw new Error(`Job names unknown tenant ${tenantId}`);
    this.slugs.set(tenantId, tenant.slug);
    return tenant.slug;
  }
}
