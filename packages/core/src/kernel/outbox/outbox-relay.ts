import type { DataSource } from 'typeorm';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { PlatformMetrics } from '../observability/metrics';
import { bindTenant } from '../tenancy/in-tenant';
import { ChangeListener } from '../db/change-listener';
import { isUuid } from '../values/uuid';

export const EVENTS_QUEUE = 'core.events';

const DEFAULT_BATCH = 100;

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

/** The channel the outbox trigger announces committed rows on, with their tenant's id. */
export const OUTBOX_CHANNEL = 'ketenhuis_outbox';

export interface OutboxRelayOptions {
  /**
   * How long the relay waits before draining every tenant unasked. With `listenUrl` this is only
   * the safety net for a notification that never came; without it, the only way rows are found.
   */
  pollMs: number;
  /**
   * How soon a round that failed (the queue backend unreachable) is tried again, and how often
   * the relay polls while its listening connection is down. Default: `pollMs`.
   */
  retryMs?: number;
  /** Rows per batch (one transaction and one addBulk), default 100. */
  batchSize?: number;
  /**
   * Listen on `ketenhuis_outbox` over a connection of its own to this database URL, and drain a
   * tenant as soon as its outbox rows commit (ADR 0014). Without it the relay only polls.
   */
  listenUrl?: string;
}

/**
 * Moves committed outbox rows to the queue backend. Each batch is one tenant transaction that
 * locks its rows (SKIP LOCKED, so several relays share the work), publishes them with the outbox
 * id as job id, and marks them published. If publishing fails the transaction rolls back and the
 * rows wait for the next round: an unreachable Redis delays events, it never loses them.
 *
 * NO KEY UPDATE is enough for setting published_at, and unlike FOR UPDATE it does not block the
 * foreign-key check of a handler recording its delivery while this batch is still committing.
 *
 * Rounds are started by a notification of the outbox trigger (that tenant only), by the listener
 * (re)connecting (every tenant: notifications sent while it was down are lost), and by the poll
 * timer. One round runs at a time: what arrives meanwhile is remembered and drained right after,
 * so a burst of commits costs a few rounds, not one each.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private timerAt = 0;
  private draining?: Promise<void>;
  private stopped = false;
  /** Tenants announced since the current round took its list, or every tenant. */
  private readonly due = new Set<string>();
  private dueAll = false;
  /** The last round failed: the retry timer starts the next one, notifications only add to it. */
  private failing = false;
  private listener?: ChangeListener;
  private lastFailureLogged = 0;

  constructor(
    private readonly db: DataSource,
    private readonly queue: Queue,
    private readonly logger: Logger,
    private readonly metrics: PlatformMetrics,
    private readonly opts: OutboxRelayOptions,
  ) {}

  /** Starts listening (when `listenUrl` is given; resolves once the first attempt is done) and drains what is pending. */
  async start(): Promise<void> {
    this.stopped = false;
    if (this.opts.listenUrl && !this.listener) {
      this.listener = new ChangeListener(this.opts.listenUrl, OUTBOX_CHANNEL, {
        onChange: (tenantId) => this.wake(isUuid(tenantId) ? tenantId.toLowerCase() : undefined),
        // Until it listens again, the relay polls at the retry pace.
        onReset: () => this.schedule(),
        onListening: () => this.wake(),
      }, this.logger);
      await this.listener.start();
    }
    // A listener that connected has asked for the first round already.
    if (!this.listener?.live) this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.listener?.stop();
    this.listener = undefined;
    await this.draining;
  }

  /** Publishes everything pending in every tenant; returns how many events went out. */
  async drainAll(): Promise<number> {
    const tenants: { id: string }[] = await this.db.query('SELECT id FROM tenants ORDER BY id');
    let total = 0;
    for (const t of tenants) {
      if (this.stopped) break;
      total += await this.drainTenant(t.id);
    }
    return total;
  }

  /**
   * Publishes everything pending in one tenant. A batch that comes back short means nothing was
   * left that no other relay holds; rows committed after it are announced and drained anew.
   */
  async drainTenant(tenantId: string): Promise<number> {
    const size = this.opts.batchSize ?? DEFAULT_BATCH;
    let total = 0;
    let n: number;
    do {
      n = await this.publishBatch(tenantId);
      total += n;
    } while (n >= size && !this.stopped);
    return total;
  }

  async publishBatch(tenantId: string): Promise<number> {
    return this.db.transaction(async (m) => {
      await bindTenant(m, tenantId);
      const rows: { id: string; type: string; correlation_id: string | null }[] = await m.query(
        `SELECT id, type, correlation_id FROM outbox_events WHERE published_at IS NULL
         ORDER BY created_at LIMIT $1 FOR NO KEY UPDATE SKIP LOCKED`,
        [this.opts.batchSize ?? DEFAULT_BATCH],
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

  /** Asks for a round for one tenant (or all); starts it unless one runs or the last one failed. */
  private wake(tenantId?: string): void {
    if (this.stopped) return;
    if (tenantId) this.due.add(tenantId);
    else this.dueAll = true;
    if (this.draining || this.failing) return;
    this.draining = this.drainDue().finally(() => {
      this.draining = undefined;
      this.schedule();
    });
  }

  private async drainDue(): Promise<void> {
    while (!this.stopped && (this.dueAll || this.due.size)) {
      const all = this.dueAll;
      const tenants = [...this.due];
      this.dueAll = false;
      this.due.clear();
      try {
        if (all) await this.drainAll();
        else for (const tenantId of tenants) await this.drainTenant(tenantId);
      } catch (err) {
        // The retry is a round over every tenant, so nothing announced meanwhile is forgotten.
        this.failing = true;
        this.reportFailure(err);
        return;
      }
    }
  }

  /**
   * Arms the timer of the next round over every tenant: soon after a failure or while not
   * listening, else after the poll interval. A timer already due sooner stays: announced rounds
   * do not postpone it, so a tenant whose notification was lost is reached even while others
   * keep the relay busy.
   */
  private schedule(): void {
    if (this.stopped || this.draining) return;
    const deaf = this.listener !== undefined && !this.listener.live;
    const ms = this.failing || deaf ? this.opts.retryMs ?? this.opts.pollMs : this.opts.pollMs;
    const at = Date.now() + ms;
    if (this.timer && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.failing = false;
      this.wake();
    }, ms);
  }

  private reportFailure(err: unknown): void {
    // One line a minute is enough while the backend is down; the rows are safe in Postgres.
    if (Date.now() - this.lastFailureLogged > 60_000) {
      this.lastFailureLogged = Date.now();
      this.logger.warn({ err: (err as Error).message }, 'outbox relay could not publish; will retry');
    }
  }
}
