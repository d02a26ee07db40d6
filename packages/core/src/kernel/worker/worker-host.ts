import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { EventHandlerDefinition, JobPayload, PlatformFeature, QueueDefinition, ScheduleDefinition } from '@ketenhuis/sdk';
import type { ModuleRegistry } from '../modules/module-registry';
import type { UnitOfWork } from '../tenancy/unit-of-work';
import type { TenantRegistry } from '../tenancy/tenants';
import type { QueueFactory } from '../queues/queue-backend';
import type { PlatformMetrics } from '../observability/metrics';
import { EventDispatcher } from '../outbox/event-dispatcher';
import { EVENTS_QUEUE, OutboxRelay, type OutboxJobData } from '../outbox/outbox-relay';
import type { DataSource } from 'typeorm';
import { AuditChainer } from '../audit/audit-chainer';
import type { PlatformConfig } from '../config/config';
import type { ExistsRow } from '../db/rows';

export interface WorkerHostDeps {
  db: DataSource;
  registry: ModuleRegistry;
  uow: UnitOfWork;
  tenants: TenantRegistry;
  queues: QueueFactory;
  logger: Logger;
  metrics: PlatformMetrics;
  /** The relay's poll while it cannot listen, and its retry after a failed round (OUTBOX_POLL_MS); its safety-net poll and the event concurrency come from `config`. */
  outboxPollMs: number;
  config: PlatformConfig;
  /** Core's areas (coreFeatures): their queues, schedules and handlers run for every tenant. */
  features: PlatformFeature[];
  /**
   * How often schedulers are brought in line with the tenants' modules (default one minute), so a
   * module enabled or switched off while the worker runs gets or loses its schedulers without a
   * restart.
   */
  scheduleSyncMs?: number;
  /** How often new audit records are hash-chained (default 2 s; 0 leaves chaining to others). */
  auditChainMs?: number;
}

const schedulerKey = (scheduleId: string, tenantId: string) => `${scheduleId}:${tenantId}`;
/** The shape of schedulerKey(); other schedulers on a module's queue are left alone. */
const SCHEDULER_KEY = /^.+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Runs every module's queues and job schedulers, the outbox relay and the event dispatcher.
 * Each job runs in the tenant unit of work named by its payload (Twenty's shape: tenant in the
 * payload, a fresh DI context per job).
 */
export class WorkerHost {
  private workers: Worker[] = [];
  private relay?: OutboxRelay;
  private chainer?: AuditChainer;
  private lastChainFailureLogged = 0;
  private syncTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly slugs = new Map<string, string>();

  /** Core's features and the chains, in one list: a chain's parts carry its id, core's none. */
  private readonly owners: Array<{ moduleId?: string; queues: QueueDefinition[]; schedules: ScheduleDefinition[]; eventHandlers: EventHandlerDefinition[] }>;

  constructor(private readonly deps: WorkerHostDeps) {
    this.owners = [
      ...deps.features.map((f) => ({ queues: f.queues ?? [], schedules: f.schedules ?? [], eventHandlers: f.eventHandlers ?? [] })),
      ...deps.registry.modules.map((m) => ({ moduleId: m.id, queues: m.queues ?? [], schedules: m.schedules ?? [], eventHandlers: m.eventHandlers ?? [] })),
    ];
  }

  private get queueDefinitions() {
    return this.owners.flatMap((o) => o.queues.map((q) => ({ ...q, moduleId: o.moduleId })));
  }

  async start(): Promise<void> {
    const { queues, uow, logger, metrics } = this.deps;
    await queues.assertProductionSettings();

    for (const q of this.queueDefinitions) {
      this.workers.push(queues.worker(q.name, async (job: Job) => {
        const data = job.data as JobPayload;
        const tenantSlug = await this.tenantSlug(data.tenantId);
        await uow.run({ tenantId: data.tenantId, tenantSlug, correlationId: data.correlationId ?? undefined }, async (scope) => {
          // Checked in the job's own transaction, as routes do: a module switched off for a
          // tenant does no work there, whoever queued the job. Core's are on everywhere.
          if (q.moduleId) {
            const [enabled] = await scope.query<ExistsRow>('SELECT 1 FROM tenant_modules WHERE module_id = $1', [q.moduleId]);
            if (!enabled) throw new UnrecoverableError(`Module ${q.moduleId} is not enabled for tenant ${tenantSlug}; job not run`);
          }
          await q.process({ id: job.id ?? '', name: job.name, attempt: job.attemptsMade + 1, data }, scope);
        });
      }, { concurrency: q.concurrency ?? 5 }));
    }

    const dispatcher = new EventDispatcher(uow, logger, this.owners.flatMap((o) => o.eventHandlers.map((h) => ({ ...h, moduleId: o.moduleId }))));
    this.workers.push(queues.worker(EVENTS_QUEUE, async (job: Job) => {
      const data = job.data as OutboxJobData;
      await dispatcher.dispatch(data, await this.tenantSlug(data.tenantId));
    }, { concurrency: this.deps.config.eventConcurrency }));

    for (const w of this.workers) {
      w.on('completed', (job) => metrics.jobs.inc({ queue: job.queueName, result: 'completed' }));
      w.on('failed', (job, err) => {
        metrics.jobs.inc({ queue: job?.queueName ?? 'unknown', result: 'failed' });
        logger.warn({ queue: job?.queueName, jobId: job?.id, err: err.message }, 'job failed');
      });
    }

    await this.syncSchedules();
    // stop() during the awaits above must not be followed by timers nobody clears.
    if (this.stopped) return;
    this.syncTimer = setInterval(() => {
      this.syncSchedules().catch((err: Error) => logger.warn({ err: err.message }, 'job schedulers could not be synced; will retry'));
    }, this.deps.scheduleSyncMs ?? 60_000);
    // Events go out when their transaction commits (the relay listens for the outbox trigger's
    // notifications); the poll is the safety net (ADR 0014).
    this.relay = new OutboxRelay(this.deps.db, queues.queue(EVENTS_QUEUE, { failFast: true }), logger, metrics, {
      pollMs: this.deps.config.outboxSafetyPollMs, retryMs: this.deps.outboxPollMs, listenUrl: this.deps.config.databaseAppUrl,
    });
    await this.relay.start();
    // stop() while the relay was connecting has stopped it; the chainer must not start after that.
    if (this.stopped) return;
    const auditChainMs = this.deps.auditChainMs ?? 2_000;
    if (auditChainMs > 0) {
      this.chainer = new AuditChainer(this.deps.db);
      this.chainer.start(auditChainMs, (err) => {
        // Unchained records are safe (append-only) and wait for the next round; say so once a minute.
        if (Date.now() - this.lastChainFailureLogged < 60_000) return;
        this.lastChainFailureLogged = Date.now();
        logger.warn({ err: err.message }, 'audit records could not be chained; will retry');
      });
    }
    logger.info({ queues: this.queueDefinitions.map((q) => q.name), schedules: this.owners.reduce((n, o) => n + o.schedules.length, 0) }, 'worker started');
  }

  /**
   * One job scheduler per (schedule, tenant that enabled the module); idempotent upserts. Schedulers
   * this host made earlier that no longer match (module switched off, tenant gone, schedule
   * dropped from the module) are removed, or they would keep firing jobs nobody should run.
   */
  async syncSchedules(): Promise<void> {
    const { queues } = this.deps;
    const tenants = await this.deps.tenants.list();
    const wanted = new Set<string>();
    for (const { moduleId, schedules } of this.owners) {
      for (const s of schedules) {
        const queue = queues.queue(s.queue);
        const repeat = s.cron !== undefined ? { pattern: s.cron, tz: 'UTC' } : { every: s.everyMs };
        for (const t of tenants.filter((t) => !moduleId || t.modules.includes(moduleId))) {
          const key = schedulerKey(s.id, t.id);
          wanted.add(key);
          await queue.upsertJobScheduler(key, repeat, { name: s.id, data: { tenantId: t.id } });
        }
      }
    }
    for (const q of this.queueDefinitions) {
      const queue = queues.queue(q.name);
      const stale = (await queue.getJobSchedulers()).filter((s) => SCHEDULER_KEY.test(s.key) && !wanted.has(s.key));
      for (const s of stale) await queue.removeJobScheduler(s.key);
    }
  }

  /** Stops producing (scheduler sync, relay, audit chaining) and lets running jobs finish: BullMQ waits for them. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.syncTimer);
    const workers = this.workers;
    this.workers = [];
    await Promise.all([this.relay?.stop(), this.chainer?.stop(), ...workers.map((w) => w.close())]);
  }

  private async tenantSlug(tenantId: string): Promise<string> {
    const known = this.slugs.get(tenantId);
    if (known) return known;
    const tenant = typeof tenantId === 'string' && /^[0-9a-f-]{36}$/.test(tenantId) ? await this.deps.tenants.findById(tenantId) : undefined;
    // Retrying cannot make a tenant appear: fail at once instead of after every backoff step.
    if (!tenant) throw new UnrecoverableError(`Job names unknown tenant ${tenantId}`);
    this.slugs.set(tenantId, tenant.slug);
    return tenant.slug;
  }
}
