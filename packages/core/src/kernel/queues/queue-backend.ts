import type { EventEmitter } from 'node:events';
import {
  assertSchemaCompatibility,
  DEFAULT_SCHEMA,
  LATEST_SCHEMA_VERSION,
  PostgresConnection,
  PostgresQueueBackend,
  quoteSchemaName,
  Queue,
  runMigrations,
  SchemaMigrationRequiredError,
  Worker,
} from 'bullmq';
import type { BackendFactory, Job, PostgresConnectionOptions, PostgresPoolConfig, WorkerOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { Client, Pool, type PoolClient } from 'pg';
import type { ExistsRow } from '../db/rows';

export type QueueBackendConfig =
  /** `prefix` namespaces every key (default `ketenhuis`): deployments or test files can share one Redis. */
  | { kind: 'redis'; url: string; prefix?: string }
  /**
   * BullMQ's PostgreSQL backend; `schema` defaults to 'bullmq'. `migrate` (default true) brings the
   * schema up to date on first use when it is missing or older than this BullMQ build; set it to
   * false when the connecting role may not run DDL and the schema is migrated separately
   * (`migratePostgresQueueSchema`, as a role with CREATE on the database).
   */
  | { kind: 'postgres'; url: string; schema?: string; migrate?: boolean };

export interface QueueFactory {
  readonly kind: 'redis' | 'postgres';
  /** A producer. failFast: adding a job rejects promptly (no offline queue, bounded retries) while the backend is unreachable, instead of hanging; the outbox relay needs this so it can roll back and retry later. */
  queue(name: string, opts?: { failFast?: boolean }): Queue;
  /** A consumer with production settings (Redis: maxRetriesPerRequest null on the worker connection; sensible lock duration; autorun true). */
  worker(name: string, processor: (job: Job) => Promise<unknown>, opts?: { concurrency?: number }): Worker;
  /** Resolves when the backend answers (Redis PING, or a trivial query on Postgres); rejects within ~2 s otherwise. Used by /readyz. */
  ping(): Promise<void>;
  /** Redis only: rejects with an Error whose message says the maxmemory-policy found and that BullMQ needs `noeviction` (and how to set it: `CONFIG SET maxmemory-policy noeviction` or redis.conf). No-op for postgres. */
  assertProductionSettings(): Promise<void>;
  /** Closes every queue/worker/connection this factory created. Idempotent. */
  close(): Promise<void>;
}

export interface QueueFactoryOptions {
  /**
   * Receives connection errors and the errors BullMQ's queues and workers emit (one per failed
   * reconnect during an outage). Without it BullMQ's default applies: it writes them to stderr.
   */
  onError?: (err: Error, source: string) => void;
  /** Job lock duration (default 60 s); the stalled check runs at half of it, at most every 30 s. */
  jobLockMs?: number;
}

/** A worker's lock and stalled check: a killed worker's jobs come back after about the lock. */
function workerDefaults(options: QueueFactoryOptions): Partial<WorkerOptions> {
  const lockDuration = options.jobLockMs ?? WORKER_DEFAULTS.lockDuration;
  return { ...WORKER_DEFAULTS, lockDuration, stalledInterval: Math.min(WORKER_DEFAULTS.stalledInterval, Math.ceil(lockDuration / 2)) };
}

/** Answer budget of `ping()`: /readyz must report an outage, not hang on it. */
const PING_TIMEOUT_MS = 2_000;
/** Bounds a producer command on a half-open socket, which neither errors nor answers. */
const FAIL_FAST_COMMAND_TIMEOUT_MS = 5_000;
/**
 * Locks are renewed every lockDuration/2, so a job is taken for stalled (and run again elsewhere)
 * once its worker's event loop is blocked for about half the lock duration. Twice BullMQ's 30 s
 * default keeps a slow synchronous step (a large PDF, a long GC pause) from causing that, while a
 * crashed worker's jobs still come back within about a minute and a half (lock expiry plus one
 * stalled-check interval).
 */
const WORKER_DEFAULTS = {
  autorun: true,
  lockDuration: 60_000,
  stalledInterval: 30_000,
  maxStalledCount: 1,
} satisfies Partial<WorkerOptions>;

/**
 * Finished jobs are kept a while, then removed: Redis runs with `noeviction`, so keeping them
 * forever would end in refused writes. A day of completed jobs keeps BullMQ's jobId dedupe
 * window (outbox ids) well beyond any relay retry; delivery records in Postgres guard the rest.
 * Failed jobs stay a week for inspection.
 */
const JOB_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
} as const;

// Steady reconnects that give up on nothing: once the server is back, the connection is ready
// within about two seconds, and BullMQ needs the connection object to survive the outage.
const reconnectSoon = (times: number) => Math.min(times * 200, 2_000);

export function createQueueFactory(config: QueueBackendConfig, options: QueueFactoryOptions = {}): QueueFactory {
  switch (config.kind) {
    case 'redis':
      return new RedisQueueFactory(config.url, config.prefix ?? 'ketenhuis', options);
    case 'postgres':
      return new PostgresQueueFactory(config.url, config.schema ?? DEFAULT_SCHEMA, config.migrate ?? true, options);
    default:
      throw new Error(`Unknown queue backend kind ${JSON.stringify((config as { kind?: unknown }).kind)}`);
  }
}

/**
 * Brings BullMQ's PostgreSQL schema up to date. Needs a role with CREATE on the database: BullMQ
 * issues `CREATE SCHEMA IF NOT EXISTS` on every run, and PostgreSQL checks that privilege even
 * when the schema exists. Returns the schema version reached.
 */
export async function migratePostgresQueueSchema(url: string, schema: string = DEFAULT_SCHEMA): Promise<number> {
  quoteSchemaName(schema);
  // One dedicated session: the migration's advisory lock and transaction must share it.
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await runMigrations(client, schema);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Redis

class RedisQueueFactory implements QueueFactory {
  readonly kind = 'redis' as const;
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Set<Worker>();
  private readonly clients = new Map<string, Redis>();
  private closing?: Promise<void>;

  constructor(private readonly url: string, private readonly prefix: string, private readonly options: QueueFactoryOptions) {
    assertUrl('the Redis URL', url, ['redis:', 'rediss:']);
  }

  queue(name: string, opts: { failFast?: boolean } = {}): Queue {
    this.assertOpen();
    const failFast = opts.failFast ?? false;
    const key = `${failFast ? 'fail-fast' : 'default'}:${name}`;
    const existing = this.queues.get(key);
    if (existing && existing.closing === undefined) return existing;
    const queue = failFast
      ? // BullMQ waits for the connection's first 'ready' before running any command, and that
        // wait has no deadline, so an add issued before Redis was ever reachable would hang.
        // Skipping the wait (and the INFO-based version check, which assertProductionSettings
        // covers) leaves every command to the connection, which rejects at once while offline.
        new Queue(name, { connection: this.client('fail-fast'), prefix: this.prefix, skipWaitingForReady: true, skipVersionCheck: true, defaultJobOptions: JOB_RETENTION })
      : new Queue(name, { connection: this.client('producer'), prefix: this.prefix, defaultJobOptions: JOB_RETENTION });
    reportErrors(queue, `queue ${name}`, this.options.onError);
    this.queues.set(key, queue);
    return queue;
  }

  worker(name: string, processor: (job: Job) => Promise<unknown>, opts: { concurrency?: number } = {}): Worker {
    this.assertOpen();
    // Workers share one regular connection; BullMQ duplicates it per worker for the blocking
    // BZPOPMIN connection, which inherits maxRetriesPerRequest: null as BullMQ requires.
    const worker = new Worker(name, processor, {
      prefix: this.prefix,
      ...workerDefaults(this.options),
      connection: this.client('worker'),
      concurrency: opts.concurrency ?? 1,
    });
    reportErrors(worker, `worker ${name}`, this.options.onError);
    this.workers.add(worker);
    return worker;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const client = this.client('fail-fast');
    const deadline = Date.now() + PING_TIMEOUT_MS;
    await waitForRedis(client, PING_TIMEOUT_MS);
    const answer = await withTimeout(client.ping(), Math.max(deadline - Date.now(), 1), `Redis did not answer PING within ${PING_TIMEOUT_MS} ms`);
    if (answer !== 'PONG') throw new Error(`Redis answered PING with ${JSON.stringify(answer)}`);
  }

  async assertProductionSettings(): Promise<void> {
    this.assertOpen();
    const client = this.client('fail-fast');
    await waitForRedis(client, PING_TIMEOUT_MS);
    const info = await withTimeout(client.info(), FAIL_FAST_COMMAND_TIMEOUT_MS, 'Redis did not answer INFO in time');
    const field = (name: string) => info.match(new RegExp(`^${name}:(.*)$`, 'm'))?.[1]?.trim();
    const policy = field('maxmemory_policy');
    if (policy !== undefined && policy !== 'noeviction') {
      throw new Error(
        `Redis maxmemory-policy is "${policy}", but BullMQ needs "noeviction": under memory pressure any ` +
          'other policy silently deletes queue keys (jobs, locks, schedulers). Set it with ' +
          '`CONFIG SET maxmemory-policy noeviction` (and `maxmemory-policy noeviction` in redis.conf so a ' +
          'restart keeps it), or in the managed service\'s parameter settings.',
      );
    }
    const version = field('redis_version');
    if (version !== undefined && compareVersions(version, '5.0.0') < 0) {
      throw new Error(`Redis ${version} is too old for BullMQ, which needs 5.0.0 or newer (6.2+ recommended)`);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    // Workers first: they finish their active jobs, which may still add follow-up jobs.
    const failures = await settle([...this.workers].map((w) => w.close()));
    failures.push(...(await settle([...this.queues.values()].map((q) => q.close()))));
    failures.push(...(await settle([...this.clients.values()].map((c) => closeRedis(c)))));
    this.workers.clear();
    this.queues.clear();
    this.clients.clear();
    if (failures.length) throw new AggregateError(failures, 'Closing the Redis queue factory failed');
  }

  private client(role: 'producer' | 'fail-fast' | 'worker'): Redis {
    const existing = this.clients.get(role);
    if (existing) return existing;
    const roleOptions: RedisOptions =
      role === 'worker'
        ? { maxRetriesPerRequest: null }
        : role === 'fail-fast'
          ? {
              enableOfflineQueue: false,
              maxRetriesPerRequest: 1,
              connectTimeout: PING_TIMEOUT_MS,
              commandTimeout: FAIL_FAST_COMMAND_TIMEOUT_MS,
            }
          : // Ordinary producers ride out a short blip: commands wait offline and are retried
            // over a few reconnects before they fail.
            { maxRetriesPerRequest: 20 };
    const client = new Redis(this.url, { retryStrategy: reconnectSoon, connectionName: `ketenhuis:${role}`, ...roleOptions });
    // Without a listener ioredis prints every failed reconnect attempt as "Unhandled error event".
    client.on('error', (err: Error) => this.options.onError?.(err, `redis ${role} connection`));
    this.clients.set(role, client);
    return client;
  }


  private assertOpen(): void {
    if (this.closing) throw new Error('This queue factory has been closed');
  }
}

function waitForRedis(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  if (client.status === 'end') return Promise.reject(new Error('The Redis connection has been closed'));
  return new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('end', onEnd);
      if (err) reject(err);
      else resolve();
    };
    const onReady = () => done();
    const onEnd = () => done(new Error('The Redis connection has been closed'));
    const timer = setTimeout(() => done(new Error(`Redis is not reachable (connection ${client.status} for ${timeoutMs} ms)`)), timeoutMs);
    client.on('ready', onReady);
    client.on('end', onEnd);
  });
}

async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    try {
      await withTimeout(client.quit(), 1_000, 'QUIT timed out');
      return;
    } catch {
      // Fall through: drop the socket instead of waiting for a server that does not answer.
    }
  }
  client.disconnect();
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

type ReadinessMemo = { readyPromise?: Promise<void> };

/**
 * BullMQ 6.7's PostgresConnection and PostgresQueueBackend memoize their first readiness attempt
 * even when it fails, so a Queue or Worker created while PostgreSQL is unreachable would reject
 * every later call with that stale error, for the life of the process. Forgetting a failed
 * attempt makes the next call try again, as the Redis backend does after a reconnect.
 */
function forgetFailedReadiness(owner: object): void {
  const memo = owner as ReadinessMemo;
  const attempt = memo.readyPromise;
  attempt?.catch(() => {
    if (memo.readyPromise === attempt) memo.readyPromise = undefined;
  });
}

class RecoveringPostgresConnection extends PostgresConnection {
  constructor(options: PostgresConnectionOptions, private readonly beforeReady: () => Promise<void>) {
    super(options);
  }

  override async waitUntilReady(): Promise<void> {
    await this.beforeReady();
    const ready = super.waitUntilReady();
    forgetFailedReadiness(this);
    return ready;
  }
}

class RecoveringPostgresQueueBackend extends PostgresQueueBackend {
  override waitUntilReady(): Promise<void> {
    const ready = super.waitUntilReady();
    forgetFailedReadiness(this);
    return ready;
  }
}

function recoveringPostgresBackend(beforeReady: () => Promise<void>): BackendFactory<PostgresQueueBackend, PostgresConnectionOptions> {
  return (name, opts, role = {}) => {
    const connection = new RecoveringPostgresConnection(opts.connection, beforeReady);
    // The same application_name scheme as BullMQ's createPostgresBackend, which is what
    // Queue.getWorkers() and getQueueEvents() look for in pg_stat_activity.
    const workerName = (opts as { name?: string }).name;
    const listenClientName = role.withBlockingConnection
      ? `${name}${workerName ? `:w:${workerName}` : ''}`
      : role.blocking
        ? `${name}:qe`
        : undefined;
    return new RecoveringPostgresQueueBackend(connection, name, opts, true, listenClientName);
  };
}

class PostgresQueueFactory implements QueueFactory {
  readonly kind = 'postgres' as const;
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Set<Worker>();
  private readonly backend: BackendFactory<PostgresQueueBackend, PostgresConnectionOptions>;
  private controlPool?: Pool;
  private schemaReady?: Promise<void>;
  private closing?: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly schema: string,
    private readonly migrate: boolean,
    private readonly options: QueueFactoryOptions,
  ) {
    assertUrl('the PostgreSQL queue URL', url, ['postgres:', 'postgresql:']);
    quoteSchemaName(schema);
    this.backend = recoveringPostgresBackend(() => this.ensureSchema());
  }

  queue(name: string, opts: { failFast?: boolean } = {}): Queue {
    this.assertOpen();
    const failFast = opts.failFast ?? false;
    const key = `${failFast ? 'fail-fast' : 'default'}:${name}`;
    const existing = this.queues.get(key);
    if (existing && existing.closing === undefined) return existing;
    // Every BullMQ Queue/Worker on PostgreSQL owns its own pg.Pool (a shared pool would lose the
    // schema setting), so producers get a small one. A pool has no offline queue; failFast only
    // needs a short bound on connection set-up, since a refused connection already fails at once.
    const connection = this.connection({ max: 3, connectionTimeoutMillis: failFast ? PING_TIMEOUT_MS : 10_000 });
    const queue = new Queue(name, { connection, defaultJobOptions: JOB_RETENTION }, this.backend) as unknown as Queue;
    reportErrors(queue, `queue ${name}`, this.options.onError);
    this.queues.set(key, queue);
    return queue;
  }

  worker(name: string, processor: (job: Job) => Promise<unknown>, opts: { concurrency?: number } = {}): Worker {
    this.assertOpen();
    const concurrency = opts.concurrency ?? 1;
    // Fetching, completing, lock renewal and the stalled check each hold a pooled client
    // briefly; the LISTEN connection that wakes the worker is separate and not counted here.
    const connection = this.connection({ max: Math.min(concurrency + 2, 10), connectionTimeoutMillis: 10_000 });
    const worker = new Worker(name, processor, { ...workerDefaults(this.options), connection, concurrency }, this.backend) as unknown as Worker;
    reportErrors(worker, `worker ${name}`, this.options.onError);
    this.workers.add(worker);
    return worker;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await withTimeout(this.pool().query<ExistsRow>('SELECT 1'), PING_TIMEOUT_MS, `PostgreSQL did not answer within ${PING_TIMEOUT_MS} ms`);
  }

  async assertProductionSettings(): Promise<void> {
    // Nothing to check: PostgreSQL never evicts rows, and BullMQ verifies the server version and
    // schema compatibility on first use.
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const failures = await settle([...this.workers].map((w) => w.close()));
    failures.push(...(await settle([...this.queues.values()].map((q) => q.close()))));
    if (this.controlPool) failures.push(...(await settle([this.controlPool.end()])));
    this.workers.clear();
    this.queues.clear();
    if (failures.length) throw new AggregateError(failures, 'Closing the PostgreSQL queue factory failed');
  }

  private connection(pool: { max: number; connectionTimeoutMillis: number }): PostgresPoolConfig {
    // migrate stays off here: the factory migrates once (ensureSchema) instead of every
    // Queue/Worker running BullMQ's migration transaction on its own.
    return { connectionString: this.url, schema: this.schema, keepAlive: true, ...pool };
  }

  /** Runs before every BullMQ readiness check; cheap once it has succeeded. */
  private ensureSchema(): Promise<void> {
    if (!this.migrate) return Promise.resolve();
    if (!this.schemaReady) {
      const attempt = withSession(this.pool(), async (client) => {
        // Read-only check first, so a role without DDL rights works against a schema that a
        // privileged role has already migrated.
        const version = await assertSchemaCompatibility(client, this.schema).catch((err: unknown) => {
          if (err instanceof SchemaMigrationRequiredError) return 0;
          throw err;
        });
        if (version < LATEST_SCHEMA_VERSION) await runMigrations(client, this.schema);
      });
      this.schemaReady = attempt;
      attempt.catch(() => {
        if (this.schemaReady === attempt) this.schemaReady = undefined;
      });
    }
    return this.schemaReady;
  }

  /** For ping and migrations; BullMQ's own pools belong to its queues and workers. */
  private pool(): Pool {
    if (!this.controlPool) {
      this.controlPool = new Pool({ connectionString: this.url, max: 2, connectionTimeoutMillis: PING_TIMEOUT_MS, keepAlive: true });
      // An idle client dropped by the server is reported here; without a listener it would crash the process.
      this.controlPool.on('error', (err) => this.options.onError?.(err, 'postgres control pool'));
    }
    return this.controlPool;
  }


  private assertOpen(): void {
    if (this.closing) throw new Error('This queue factory has been closed');
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** BullMQ's migrations need one session for their advisory lock and transaction, never a pool. */
async function withSession<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failed = false;
  try {
    return await work(client);
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // A session that failed mid-migration may still hold transaction state; never reuse it.
    client.release(failed);
  }
}

function reportErrors(emitter: EventEmitter, source: string, onError?: QueueFactoryOptions['onError']): void {
  if (onError) emitter.on('error', (err: Error) => onError(err, source));
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function settle(work: Promise<unknown>[]): Promise<unknown[]> {
  const results = await Promise.allSettled(work);
  return results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
}

function assertUrl(what: string, value: string, protocols: string[]): void {
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    // The value may hold a password, so it stays out of the message.
    throw new Error(`${what} is not a valid URL`);
  }
  if (!protocols.includes(protocol)) {
    throw new Error(`${what} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${protocol}//`);
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
