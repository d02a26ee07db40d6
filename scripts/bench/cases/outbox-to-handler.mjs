import { randomBytes, randomUUID } from 'node:crypto';
import { coreLib, coreTestingLib, requireFromCore } from '../packages.mjs';

const { startTestPlatform } = coreTestingLib;
const { createQueueFactory, EVENT_JOB_OPTIONS } = coreLib;
const { defineChainModule, enableTenantIsolation } = requireFromCore('@ketenhuis/sdk');
const { Redis } = requireFromCore('ioredis');
const { Client } = requireFromCore('pg');

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
if (!Number.isInteger(EVENTS) || EVENTS < 1) throw new Error(`BENCH_EVENTS must be a whole number of at least 1, got "${process.env.BENCH_EVENTS}"`);
const BACKEND = process.env.BENCH_QUEUE_BACKEND || 'redis';
if (!['redis', 'postgres'].includes(BACKEND)) throw new Error(`BENCH_QUEUE_BACKEND must be "redis" or "postgres", got "${BACKEND}"`);
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';

const WARMUP = Math.max(100, Math.round(EVENTS / 10));
/** Events (jobs) per unit of work (addBulk): the outbox relay publishes at most 100 per batch. */
const BATCH = 100;
const WRITERS = 4;
/** Jobs the platform's event worker (KETENHUIS_EVENT_CONCURRENCY, set below) and the bare worker take at once. */
const CONCURRENCY = 10;
const POLL_MS = 20;
const DEADLINE_MS = 10 * 60_000;

class BenchRelayEffects1790000000000 {
  name = 'BenchRelayEffects1790000000000';
  async up(q) {
    await q.query(`
      CREATE TABLE bench_relay_effects (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        run uuid NOT NULL,
        event_id uuid NOT NULL
      )`);
    await q.query('CREATE INDEX bench_relay_effects_run ON bench_relay_effects (tenant_id, run)');
    await enableTenantIsolation(q, 'bench_relay_effects');
  }
  async down(q) {
    await q.query('DROP TABLE bench_relay_effects');
  }
}

/** A chain whose only work is one event handler that leaves one row per event it handled. */
const relayChain = defineChainModule({
  id: 'bench-relay', title: { nl: 'Benchrelais', fr: 'Relais de mesure', en: 'Bench relay' }, version: '1.0.0',
  permissions: [],
  migrations: [BenchRelayEffects1790000000000],
  eventHandlers: [{
    id: 'bench-relay.count',
    eventType: 'bench-relay.ping',
    async handle(event, scope) {
      await scope.query('INSERT INTO bench_relay_effects (tenant_id, run, event_id) VALUES ($1, $2, $3)', [scope.tenantId, event.aggregateId, event.id]);
    },
  }],
});

const seconds = (start) => (performance.now() - start) / 1000;

/** Runs `batch(size)` for `n` items in batches of BATCH, WRITERS at a time. */
async function inBatches(n, batch) {
  let left = n;
  const writer = async () => {
    while (left > 0) {
      const size = Math.min(BATCH, left);
      left -= size;
      await batch(size);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}

async function until(done, interrupted, what) {
  const deadline = Date.now() + DEADLINE_MS;
  while (!(await done())) {
    if (interrupted()) throw new Error('interrupted');
    if (Date.now() > deadline) throw new Error(`${what} did not finish within ${DEADLINE_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * From the first outbox row written to the last handler effect committed: `n` events published
 * through scope.publish in units of work of BATCH, then relayed, queued, dispatched and handled
 * by the worker that runs alongside. Effects are counted in the database (a superuser session,
 * outside row-level security), so only committed work counts.
 */
async function measurePlatform(t, tenant, watcher, n, interrupted) {
  const run = randomUUID();
  const counts = async () => (await watcher.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS events FROM bench_relay_effects WHERE run = $1', [run])).rows[0];
  const start = performance.now();
  await inBatches(n, (size) => t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, async (scope) => {
    for (let i = 0; i < size; i++) await scope.publish({ type: 'bench-relay.ping', aggregateType: 'bench-run', aggregateId: run });
  }));
  await until(async () => (await counts()).n >= n, interrupted, 'the event handler');
  const elapsed = seconds(start);
  const { n: effects, events } = await counts();
  if (effects !== n || events !== n) throw new Error(`expected ${n} handler effects for ${n} events, found ${effects} for ${events} events`);
  return { perSecond: n / elapsed, count: n, seconds: elapsed };
}

/** From the first job added to the last one completed, on a queue of its own with a no-op worker. */
async function measureBare(factory, queueName, n, interrupted) {
  const queue = factory.queue(queueName);
  let completed = 0;
  const worker = factory.worker(queueName, async () => undefined, { concurrency: CONCURRENCY });
  worker.on('completed', () => { completed++; });
  await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
  const start = performance.now();
  await inBatches(n, (size) => queue.addBulk(Array.from({ length: size }, () => ({
    name: 'bench.noop', data: { tenantId: randomUUID() }, opts: { ...EVENT_JOB_OPTIONS, jobId: randomUUID() },
  }))));
  await until(async () => completed >= n, interrupted, 'the no-op worker');
  const elapsed = seconds(start);
  await worker.close();
  return { perSecond: n / elapsed, count: n, seconds: elapsed };
}

async function deleteKeys(url, prefix) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let deleted = 0;
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
      if (cursor === '0') return deleted;
    }
  } finally {
    redis.disconnect();
  }
}

// Outbox to event handler: BENCH_EVENTS (default 10,000) events written to the outbox in units of
// work of 100 (four at a time), moved by the relay to the queue backend, and dispatched by the
// worker to a module's event handler (tenant unit of work, module-enabled check, the delivery
// record that makes it exactly once, the handler's insert), timed until the last effect is
// committed. Baseline: the same number of jobs added in bulk to a plain queue on the same
// backend and completed by a no-op worker with the same concurrency and job options. A warm-up
// of a tenth (at least 100) precedes each. The platform here is its own, with the worker running.
export default {
  name: `outbox → event handler (${EVENTS} events)`,
  unit: 'events/s',
  async run({ interrupted }) {
    const redisUrl = BACKEND === 'redis' ? REDIS_URL : undefined;
    const t = await startTestPlatform({ modules: [relayChain], worker: true, redisUrl, poolMax: 10, config: { logLevel: 'silent', eventConcurrency: CONCURRENCY } });
    const baselinePrefix = `bench-baseline-${randomBytes(5).toString('hex')}`;
    const bare = BACKEND === 'redis'
      ? createQueueFactory({ kind: 'redis', url: REDIS_URL, prefix: baselinePrefix })
      // A schema of its own in the platform's test database, dropped with it.
      : createQueueFactory({ kind: 'postgres', url: t.db.adminUrl, schema: baselinePrefix.replace(/-/g, '_') });
    const watcher = new Client({ connectionString: t.db.adminUrl });
    const backend = BACKEND === 'redis'
      ? `Redis ${new URL(REDIS_URL).host}, key prefixes ${t.db.name} (platform) and ${baselinePrefix} (baseline), removed afterwards`
      : `BullMQ's PostgreSQL backend in database ${t.db.name} (schemas bullmq and ${baselinePrefix.replace(/-/g, '_')})`;
    // Filled in by the clean-up below, before the caller prints the result.
    const notes = [];
    try {
      await watcher.connect();
      const tenant = await t.createTenant('bench-relay');
      await measureBare(bare, 'bench.noop-warmup', WARMUP, interrupted);
      const baseline = await measureBare(bare, 'bench.noop', EVENTS, interrupted);
      await measurePlatform(t, tenant, watcher, WARMUP, interrupted);
      const platform = await measurePlatform(t, tenant, watcher, EVENTS, interrupted);
      return { backend, baseline, platform, notes };
    } catch (err) {
      if (interrupted()) return undefined;
      throw err;
    } finally {
      await watcher.end().catch(() => undefined);
      await bare.close();
      const platformPrefix = t.db.name;
      await t.close();
      if (BACKEND === 'redis') {
        const deleted = await deleteKeys(REDIS_URL, platformPrefix) + await deleteKeys(REDIS_URL, baselinePrefix);
        notes.push(`clean-up: ${deleted} Redis keys removed`);
      }
    }
  },
};
