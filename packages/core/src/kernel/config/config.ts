/**
 * Every setting the platform reads, in one place; the README's configuration table mirrors it.
 * Values come from the environment so containers and the embedded default configure alike.
 */
export interface PlatformConfig {
  port: number;
  /** Connection of the migrating (owner-side) role; also creates the roles. */
  databaseUrl: string;
  /** Connection the API and worker use: the application role, which owns nothing. */
  databaseAppUrl: string;
  ownerRole: string;
  appRole: string;
  appPassword?: string;
  poolMax: number;
  /** Redis URL for the production queue backend; unset means BullMQ's PostgreSQL backend. */
  redisUrl?: string;
  /** Namespace of every queue key in Redis, so several deployments can share one server. */
  redisPrefix: string;
  /** Package names of the installed chain modules. */
  modules: string[];
  logLevel: string;
  bodyLimit: string;
  requestTimeoutMs: number;
  rateLimitPerMinute: number;
  /**
   * How often the outbox relay polls while it cannot listen for notifications (its listening
   * connection is down), and how soon it retries a round that failed (queue backend unreachable).
   */
  outboxPollMs: number;
  /**
   * How often the relay drains every district although no notification asked for it: the safety
   * net for a notification that never arrived. Events normally go out at their commit (ADR 0014).
   */
  outboxSafetyPollMs: number;
  /**
   * How many events one worker process dispatches to their handlers at once (the core.events
   * worker's concurrency). Each holds a pooled connection while its handlers run, so more than
   * the pool gains nothing; the default leaves the pool room for the relay and other queues.
   */
  eventConcurrency: number;
  /**
   * How long a worker holds a job before BullMQ deems it stalled (worker gone) and hands it to
   * another: a job running longer than this must renew its lock, which BullMQ does by itself.
   */
  jobLockMs: number;
  /** Smallest count a report shows (a floor callers cannot lower); smaller cells show `<n`. */
  reportMinCellSize: number;
  /** How often each tenant's deadlines are swept for warnings and expiries that are due. */
  deadlineSweepMs: number;
  /** Webhooks: how often each tenant's due deliveries are sent, the first retry's wait (doubling, with jitter), and the attempts before a delivery is dead. */
  webhookSweepMs: number;
  webhookBackoffMs: number;
  webhookMaxAttempts: number;
  /**
   * Whether webhooks may go to the platform's own machine or network (loopback, private and
   * link-local addresses, `localhost`). Off in production: a subscriber could otherwise probe
   * internal services. Tests and local development turn it on for receivers on 127.0.0.1.
   */
  webhookAllowLocal: boolean;
  /**
   * How long a response kept for an Idempotency-Key replays, in hours. A day: police systems
   * retry within minutes or hours of the first attempt, and a retry after that is a new request.
   */
  idempotencyRetentionHours: number;
  /** How often each tenant's Idempotency-Keys older than that are purged. */
  idempotencyPurgeMs: number;
  /** KETENHUIS_ENCRYPTION_KEYS / KETENHUIS_INDEX_KEY as given; parsed by keyRingFromEnv at start. */
  encryptionKeys?: string;
  indexKey?: string;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ketenhuis';

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(name, `expected an integer >= ${min}, got "${raw}"`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function roleName(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name] || fallback;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) throw new ConfigError(name, `"${value}" is not a plain lower-case role name`);
  return value;
}

/** The application role's URL: the owner URL with the application role's name and password. */
export function deriveAppUrl(databaseUrl: string, appRole: string, appPassword?: string): string {
  const url = new URL(databaseUrl);
  url.username = appRole;
  url.password = appPassword ? encodeURIComponent(appPassword) : '';
  return url.toString();
}

function redisPrefix(env: NodeJS.ProcessEnv): string {
  const value = env.REDIS_PREFIX || 'ketenhuis';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(value)) throw new ConfigError('REDIS_PREFIX', `"${value}" may hold only letters, digits, dots, dashes and underscores (no colon)`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  try { new URL(databaseUrl); } catch { throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL'); }
  const ownerRole = roleName(env, 'DATABASE_OWNER_ROLE', 'ketenhuis_owner');
  const appRole = roleName(env, 'DATABASE_APP_ROLE', 'ketenhuis_app');
  if (ownerRole === appRole) throw new ConfigError('DATABASE_APP_ROLE', 'must differ from DATABASE_OWNER_ROLE');
  const appPassword = env.DATABASE_APP_PASSWORD || undefined;
  const port = int(env, 'PORT', 3000);
  return {
    port,
    databaseUrl,
    databaseAppUrl: env.DATABASE_APP_URL || deriveAppUrl(databaseUrl, appRole, appPassword),
    ownerRole,
    appRole,
    appPassword,
    poolMax: int(env, 'DATABASE_POOL_MAX', 10, 1),
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: redisPrefix(env),
    modules: (env.KETENHUIS_MODULES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimit: env.HTTP_BODY_LIMIT || '1mb',
    requestTimeoutMs: int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 1),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 1200, 0), // 0 turns the limiter off (a gateway in front limits)
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 500, 10),
    outboxSafetyPollMs: int(env, 'KETENHUIS_OUTBOX_SAFETY_POLL_MS', 30_000, 10),
    eventConcurrency: int(env, 'KETENHUIS_EVENT_CONCURRENCY', 8, 1),
    jobLockMs: int(env, 'KETENHUIS_JOB_LOCK_MS', 60_000, 1_000),
    reportMinCellSize: int(env, 'KETENHUIS_REPORT_MIN_CELL', 1, 1),
    deadlineSweepMs: int(env, 'KETENHUIS_DEADLINE_SWEEP_MS', 60_000, 100),
    webhookSweepMs: int(env, 'KETENHUIS_WEBHOOK_SWEEP_MS', 5_000, 10),
    webhookBackoffMs: int(env, 'KETENHUIS_WEBHOOK_BACKOFF_MS', 30_000, 1),
    webhookMaxAttempts: int(env, 'KETENHUIS_WEBHOOK_MAX_ATTEMPTS', 8, 1),
    webhookAllowLocal: bool(env, 'KETENHUIS_WEBHOOK_ALLOW_LOCAL', false),
    idempotencyRetentionHours: int(env, 'KETENHUIS_IDEMPOTENCY_RETENTION_HOURS', 24, 1),
    idempotencyPurgeMs: int(env, 'KETENHUIS_IDEMPOTENCY_PURGE_MS', 3_600_000, 100),
    encryptionKeys: env.KETENHUIS_ENCRYPTION_KEYS || undefined,
    indexKey: env.KETENHUIS_INDEX_KEY || undefined,
  };
}
