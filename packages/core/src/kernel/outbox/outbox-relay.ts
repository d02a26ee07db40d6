import type { DataSource } from 'typeorm';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { PlatformMetrics } from '../observability/metrics';
import { bindTenant } from '../tenancy/in-tenant';

export const EVENTS_QUEUE = 'core.events';

/**
 * A job carries every handler of its event, and a handler that throws fails the whole job, so
 * retries are what make delivery at-least-once (handlers that already succeeded are skipped on the
 * next attempt). Exponential from 1 s over 12 attempts rides out about an hour of a dependency
 * being down; after that the job stays in the failed set for an operator to retry.
 *
 * Completed jobs are kept for a day: a relay that publishes an event again (it crashed between
 * adding the job and committing) is then deduplicated by job id instead of running a second job.
 */
export const EVENT_JOB_OPTIONS = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

export interface OutboxJobData {
  tenantId: string;
  eventId: string;
  correlationId?: string;
}

/**
 * Moves committed outbox rows to the queue backend. Each batch is one tenant transaction that
 * locks its rows (SKIP LOCKED, so several relays share the work), publishes them with the outbox
 * id as job id, and marks them published. If publishing fails the transaction rolls back and the
 * rows wait for the next round: an unreachable Redis delays events, it never loses them.
 *
 * NO KEY UPDATE is enough for setting published_at, and unlike FOR UPDATE it does not block the
 * foreign-key check of a handler recording its delivery while this batch is still committing.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private lastFailureLogged = 0;

  constructor(
    private readonly db: DataSource,
    private readonly queue: Queue,
    private readonly logger: Logger,
    private readonly metrics: PlatformMetrics,
    private readonly opts: { pollMs: number; batchSize?: number },
  ) {}

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.drainAll().then(() => undefined, (err) => this.reportFailure(err));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, this.opts.pollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Publishes everything pending in every tenant; returns how many events went out. */
  async drainAll(): Promise<number> {
    const tenants: { id: string }[] = await this.db.query('SELECT id FROM tenants ORDER BY id');
    let total = 0;
    for (const t of tenants) {
      let n: number;
      do {
        n = await this.publishBatch(t.id);
        total += n;
      } while (n > 0 && !this.stopped);
    }
    return total;
  }

  async publishBatch(tenantId: string): Promise<number> {
    return this.db.transaction(async (m) => {
      await bindTenant(m, tenantId);
      const rows: { id: string; type: string; correlation_id: string | null }[] = await m.query(
        `SELECT id, type, correlation_id FROM outbox_events WHERE published_at IS NULL
         ORDER BY created_at LIMIT $1 FOR NO KEY UPDATE SKIP LOCKED`,
        [this.opts.batchSize ?? 100],
      );
      if (!rows.length) return 0;
      await this.queue.addBulk(rows.map((r) => ({
        name: r.type,
        data: { tenantId, eventId: r.id, ...(r.correlation_id ? { correlationId: r.correlation_id } : {}) } satisfies OutboxJobData,
        opts: { ...EVENT_JOB_OPTIONS, jobId: r.id },
      })));
      await m.query('UPDATE outbox_events SET published_at = clock_timestamp() WHERE id = ANY($1)', [rows.map((r) => r.id)]);
      this.metrics.outboxPublished.inc(rows.length);
      return rows.length;
    });
  }

  private reportFailure(err: unknown): void {
    // One line a minute is enough while the backend is down; the rows are safe in Postgres.
    if (Date.now() - this.lastFailureLogged > 60_000) {
      this.lastFailureLogged = Date.now();
      this.logger.warn({ err: (err as Error).message }, 'outbox relay could not publish; will retry');
    }
  }
}
