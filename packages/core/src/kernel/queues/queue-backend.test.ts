import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { Job } from 'bullmq';
import { Client } from 'pg';
import { createQueueFactory, migratePostgresQueueSchema, type QueueFactory } from './queue-backend';
import { startRedisServer, type RedisTestServer } from './redis-test-server';

const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

// Reconnect attempts during the simulated outages are expected; keep them out of the test output.
const quiet = { onError: () => undefined };

async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** How long `work` took to fail, and its message; fails the test if it succeeded. */
async function failure(work: () => Promise<unknown>): Promise<{ ms: number; message: string }> {
  const start = Date.now();
  try {
    await work();
  } catch (error) {
    // Errors raised by pg come from outside jest's realm, so `instanceof Error` would not hold.
    return { ms: Date.now() - start, message: String((error as { message?: unknown }).message) };
  }
  throw new Error('expected the call to fail while the backend is unreachable');
}

/** Starts a worker that records what it processes and resolves once `lastJobId` has run. */
function record(factory: QueueFactory, queue: string, lastJobId: string) {
  const seen: { id?: string; data: unknown }[] = [];
  let worker!: ReturnType<QueueFactory['worker']>;
  const finished = new Promise<void>((resolve) => {
    worker = factory.worker(queue, async (job: Job) => {
      seen.push({ id: job.id, data: job.data });
      if (job.id === lastJobId) resolve();
      return 'ok';
    });
  });
  return { seen, finished, worker };
}

/** The behaviour both backends must share. */
function sharedBehaviour(factory: () => QueueFactory) {
  it('processes a job added to a queue with dots and dashes in its name', async () => {
    const queue = factory().queue('m.hearing-roster');
    await queue.add('remind', { tenantId: 't1', caseId: 'c1' }, { jobId: 'roster-1' });
    const { seen, finished, worker } = record(factory(), 'm.hearing-roster', 'roster-1');
    await finished;
    expect(seen).toEqual([{ id: 'roster-1', data: { tenantId: 't1', caseId: 'c1' } }]);
    expect(worker.isRunning()).toBe(true);
    expect(worker.opts.lockDuration).toBe(60_000);
  });

  it('processes a job id once even when it is added twice', async () => {
    const queue = factory().queue('core.events');
    const first = await queue.add('event', { n: 1 }, { jobId: 'evt-42' });
    const second = await queue.add('event', { n: 2 }, { jobId: 'evt-42' });
    expect(second.id).toBe(first.id);
    // FIFO with concurrency 1: once the sentinel has run, a duplicate would have run too.
    await queue.add('event', { n: 3 }, { jobId: 'sentinel' });
    const { seen, finished } = record(factory(), 'core.events', 'sentinel');
    await finished;
    expect(seen).toEqual([{ id: 'evt-42', data: { n: 1 } }, { id: 'sentinel', data: { n: 3 } }]);
  });

  it('returns the same producer for the same name', () => {
    expect(factory().queue('core.events')).toBe(factory().queue('core.events'));
    expect(factory().queue('core.events', { failFast: true })).not.toBe(factory().queue('core.events'));
  });

  it('answers ping', async () => {
    await expect(factory().ping()).resolves.toBeUndefined();
  });
}

describe('Redis backend', () => {
  let server: RedisTestServer;
  let factory: QueueFactory;

  beforeAll(async () => {
    server = await startRedisServer();
    factory = createQueueFactory({ kind: 'redis', url: server.url }, quiet);
  });

  afterAll(async () => {
    await factory?.close();
    await server?.stop();
  });

  sharedBehaviour(() => factory);

  it('accepts a server with maxmemory-policy noeviction', async () => {
    await expect(factory.assertProductionSettings()).resolves.toBeUndefined();
  });

  it('refuses a server that may evict keys, and says how to fix it', async () => {
    const evicting = await startRedisServer({ maxmemoryPolicy: 'allkeys-lru' });
    const f = createQueueFactory({ kind: 'redis', url: evicting.url }, quiet);
    try {
      const refusal = f.assertProductionSettings();
      await expect(refusal).rejects.toThrow(/maxmemory-policy is "allkeys-lru".*needs "noeviction"/);
      await expect(refusal).rejects.toThrow(/CONFIG SET maxmemory-policy noeviction/);
      await expect(refusal).rejects.toThrow(/redis\.conf/);
    } finally {
      await f.close();
      await evicting.stop();
    }
  });

  it('fail-fast producer rejects promptly during an outage and works again afterwards', async () => {
    const own = await startRedisServer();
    const f = createQueueFactory({ kind: 'redis', url: own.url }, quiet);
    try {
      const queue = f.queue('core.events', { failFast: true });
      await f.ping();
      await queue.add('event', {}, { jobId: 'before' });

      await own.stop();
      const add = await failure(() => queue.add('event', {}, { jobId: 'during' }));
      expect(add.ms).toBeLessThan(3_000);
      const ping = await failure(() => f.ping());
      expect(ping.ms).toBeLessThan(3_000);

      await own.restart();
      const job = await eventually(() => queue.add('event', {}, { jobId: 'after' }));
      expect(job.id).toBe('after');
      await expect(queue.getJobState('after')).resolves.toBe('waiting');
      await expect(f.ping()).resolves.toBeUndefined();
    } finally {
      await f.close();
      await own.stop();
    }
  });

  it('fail-fast producer rejects promptly when Redis was never reachable, then recovers', async () => {
    const own = await startRedisServer();
    await own.stop();
    const f = createQueueFactory({ kind: 'redis', url: own.url }, quiet);
    try {
      const queue = f.queue('core.events', { failFast: true });
      const add = await failure(() => queue.add('event', {}));
      expect(add.ms).toBeLessThan(3_000);

      await own.restart();
      const job = await eventually(() => queue.add('event', {}, { jobId: 'late' }));
      expect(job.id).toBe('late');
    } finally {
      await f.close();
      await own.stop();
    }
  });

  it('gives workers the configured job lock, with the stalled check at half of it', async () => {
    const own = await startRedisServer();
    const configured = createQueueFactory({ kind: 'redis', url: own.url }, { ...quiet, jobLockMs: 3_000 });
    const standard = createQueueFactory({ kind: 'redis', url: own.url }, quiet);
    try {
      const w = configured.worker('core.locks', async () => undefined);
      expect({ lock: w.opts.lockDuration, stalled: w.opts.stalledInterval }).toEqual({ lock: 3_000, stalled: 1_500 });
      const d = standard.worker('core.locks', async () => undefined);
      expect({ lock: d.opts.lockDuration, stalled: d.opts.stalledInterval }).toEqual({ lock: 60_000, stalled: 30_000 });
    } finally {
      await Promise.all([configured.close(), standard.close()]);
      await own.stop();
    }
  });

  it('closes idempotently and hands out nothing afterwards', async () => {
    const own = await startRedisServer();
    const f = createQueueFactory({ kind: 'redis', url: own.url }, quiet);
    try {
      f.queue('core.events');
      f.worker('core.events', async () => undefined);
      await f.ping();
      await Promise.all([f.close(), f.close()]);
      await expect(f.close()).resolves.toBeUndefined();
      expect(() => f.queue('core.events')).toThrow(/closed/);
    } finally {
      await own.stop();
    }
  });
});

/** A TCP hop in front of PostgreSQL that can be cut, so an outage needs no access to the shared server. */
async function startProxy(targetPort: number) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = net.createServer((inbound) => {
        const outbound = net.connect(targetPort, '127.0.0.1');
        for (const sock of [inbound, outbound]) {
          sockets.add(sock);
          sock.on('error', () => undefined);
          sock.on('close', () => {
            sockets.delete(sock);
            inbound.destroy();
            outbound.destroy();
          });
        }
        inbound.pipe(outbound).pipe(inbound);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve((s.address() as net.AddressInfo).port);
      });
    });
  const port = await listen(0);
  return {
    port,
    down: () =>
      new Promise<void>((resolve) => {
        for (const sock of sockets) sock.destroy();
        if (!server) return resolve();
        const s = server;
        server = undefined;
        s.close(() => resolve());
      }),
    up: () => listen(port).then(() => undefined),
  };
}

describe('PostgreSQL backend', () => {
  const database = `kh_qtest_${randomBytes(6).toString('hex')}`;
  const url = `postgres://postgres@127.0.0.1:5432/${database}`;
  let admin: Client;
  let factory: QueueFactory;

  beforeAll(async () => {
    admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    factory = createQueueFactory({ kind: 'postgres', url }, quiet);
  });

  afterAll(async () => {
    await factory?.close();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });

  sharedBehaviour(() => factory);

  it('created BullMQ\'s schema on first use', async () => {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT max(version)::int AS version FROM bullmq.migration');
      expect(rows[0].version).toBeGreaterThanOrEqual(11);
    } finally {
      await db.end();
    }
  });

  it('has no production settings to assert', async () => {
    await expect(factory.assertProductionSettings()).resolves.toBeUndefined();
  });

  it('with migrate: false, waits for a separate migration and then works without a restart', async () => {
    const f = createQueueFactory({ kind: 'postgres', url, schema: 'kh_jobs', migrate: false }, quiet);
    try {
      const queue = f.queue('core.events');
      await expect(queue.add('event', {})).rejects.toThrow(/schema "kh_jobs" is not initialized/);
      await expect(migratePostgresQueueSchema(url, 'kh_jobs')).resolves.toBeGreaterThanOrEqual(11);
      const job = await queue.add('event', { n: 1 }, { jobId: 'after-migration' });
      expect(job.id).toBe('after-migration');
    } finally {
      await f.close();
    }
  });

  // migrate: false skips the factory's own schema check, so BullMQ's readiness is the first thing to fail.
  it.each([true, false])('fail-fast producer rejects promptly while PostgreSQL is unreachable and recovers afterwards (migrate: %s)', async (migrate) => {
    await migratePostgresQueueSchema(url);
    const proxy = await startProxy(5432);
    const f = createQueueFactory({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${proxy.port}/${database}`, migrate }, quiet);
    try {
      await proxy.down();
      // Built while unreachable: BullMQ alone would keep this queue broken for good.
      const queue = f.queue('core.events', { failFast: true });
      const add = await failure(() => queue.add('event', {}));
      expect(add.message).toMatch(/ECONNREFUSED/);
      expect(add.ms).toBeLessThan(3_000);
      const ping = await failure(() => f.ping());
      expect(ping.ms).toBeLessThan(3_000);

      await proxy.up();
      const job = await eventually(() => queue.add('event', {}, { jobId: 'after-outage' }));
      expect(job.id).toBe('after-outage');
      await expect(f.ping()).resolves.toBeUndefined();
    } finally {
      await f.close();
      await proxy.down();
    }
  });
});
