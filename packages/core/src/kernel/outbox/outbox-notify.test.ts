import { Client } from 'pg';
import pino from 'pino';
import { defineChainModule } from '@ketenhuis/sdk';
import { fixtureModule, eventually } from '@ketenhuis/testing';
import { EVENTS_QUEUE, OutboxRelay, PlatformMetrics, startRedisServer, type RedisTestServer, type Tenant } from '../../index';
import { startTestPlatform, effectCounts, inTenant, publishFixtureEvents, type TestPlatform } from '../../testing';

// Events leave the outbox when their transaction commits: the outbox trigger announces the
// tenant on `ketenhuis_outbox` and the relay, listening, drains it (ADR 0014). Every relay here
// polls once an hour, so whatever arrives within a test arrived by notification.
const HOUR = 3_600_000;
const LISTENER = 'ketenhuis-listen-ketenhuis_outbox';

let redis: RedisTestServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis?.stop());

/** Runs one statement as the server's superuser (the test's own database), past RLS and roles. */
async function asSuperuser<T>(t: TestPlatform, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: t.db.adminUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const listenerPids = async (t: TestPlatform) => (await asSuperuser<{ pid: number }>(t,
  'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [LISTENER])).map((r) => r.pid);

describe('the outbox relay woken by notifications', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let other: Tenant;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule], worker: true, redisUrl: redis.url, config: { outboxPollMs: HOUR, outboxSafetyPollMs: HOUR } });
    tenant = await t.createTenant('limburg');
    other = await t.createTenant('antwerpen');
  });
  afterAll(() => t?.close());

  it('delivers an event to its handler soon after its transaction commits, with the poll an hour away', async () => {
    const [eventId] = await publishFixtureEvents(t.platform, tenant, 1);
    await eventually(async () => expect((await effectCounts(t.platform, tenant, 'event')).get(eventId)).toBe(1));
  });

  it('delivers a burst of events written in as many transactions exactly once each', async () => {
    const published = async () => (await t.platform.metrics.outboxPublished.get()).values[0]?.value ?? 0;
    const before = await published();
    const perWriter = 40;
    // Four writers at once in two districts: notifications arrive while rounds are running.
    const ids = (await Promise.all([tenant, other, tenant, other].map(async (district) => {
      const written: string[] = [];
      for (let i = 0; i < perWriter; i++) written.push(...(await publishFixtureEvents(t.platform, district, 1)));
      return written.map((id) => ({ district, id }));
    }))).flat();

    for (const district of [tenant, other]) {
      const mine = ids.filter((e) => e.district === district).map((e) => e.id);
      const counts = await eventually(async () => {
        const c = await effectCounts(t.platform, district, 'event');
        expect(mine.filter((id) => !c.has(id))).toEqual([]);
        return c;
      });
      expect(mine.filter((id) => counts.get(id) !== 1)).toEqual([]);
      const [{ n }] = await inTenant<{ n: number }>(t.platform, district,
        `SELECT count(*)::int AS n FROM outbox_deliveries WHERE handler = 'fixture.record-created' AND event_id = ANY($1)`, [mine]);
      expect(n).toBe(mine.length);
    }
    // Each row was published once: the relay marks what it publishes in the same transaction.
    expect(await published() - before).toBe(ids.length);
  });

  it('listens again after its connection is terminated, and delivers what was written meanwhile and after', async () => {
    const [pid] = await eventually(async () => {
      const pids = await listenerPids(t);
      expect(pids).toHaveLength(1);
      return pids;
    });
    const [{ terminated }] = await asSuperuser<{ terminated: boolean }>(t, 'SELECT pg_terminate_backend($1) AS terminated', [pid]);
    expect(terminated).toBe(true);
    // Most likely before the listener is back: nobody hears this one's notification.
    const [meanwhile] = await publishFixtureEvents(t.platform, tenant, 1);

    await eventually(async () => {
      const pids = await listenerPids(t);
      expect(pids).toHaveLength(1);
      expect(pids[0]).not.toBe(pid);
    });
    const [after] = await publishFixtureEvents(t.platform, tenant, 1);

    await eventually(async () => {
      const counts = await effectCounts(t.platform, tenant, 'event');
      expect([counts.get(meanwhile), counts.get(after)]).toEqual([1, 1]);
    });
  });
});

describe('one relay under a burst of notifications', () => {
  let t: TestPlatform;
  let tenant: Tenant;

  beforeAll(async () => {
    // No worker: the relay under test is the only one publishing.
    t = await startTestPlatform({ modules: [fixtureModule], redisUrl: redis.url });
    tenant = await t.createTenant('limburg');
  });
  afterAll(() => t?.close());

  it('never runs two rounds at once, and publishes every event once', async () => {
    let active = 0;
    let peak = 0;
    class WatchedRelay extends OutboxRelay {
      override async publishBatch(tenantId: string): Promise<number> {
        active++;
        peak = Math.max(peak, active);
        try {
          return await super.publishBatch(tenantId);
        } finally {
          active--;
        }
      }
    }
    const metrics = new PlatformMetrics(false);
    const relay = new WatchedRelay(t.platform.db, t.platform.queues.queue(EVENTS_QUEUE, { failFast: true }), pino({ level: 'silent' }), metrics,
      { pollMs: HOUR, retryMs: HOUR, listenUrl: t.db.appUrl });
    await t.platform.queues.ping();
    await relay.start();
    const unpublished = () => inTenant<{ id: string }>(t.platform, tenant, 'SELECT id FROM outbox_events WHERE published_at IS NULL');
    try {
      // Its first round found nothing; this one, written after, goes out only if it listens.
      const [first] = await publishFixtureEvents(t.platform, tenant, 1);
      await eventually(async () => expect(await unpublished()).toEqual([]));
      const ids = [first, ...(await Promise.all(Array.from({ length: 4 }, async () => {
        const written: string[] = [];
        for (let i = 0; i < 30; i++) written.push(...(await publishFixtureEvents(t.platform, tenant, 1)));
        return written;
      }))).flat()];
      await eventually(async () => expect(await unpublished()).toEqual([]));
      expect((await metrics.outboxPublished.get()).values[0]?.value).toBe(ids.length);
      expect(peak).toBe(1);
      const queued = await t.platform.queues.queue(EVENTS_QUEUE).getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
      expect(Object.values(queued).reduce((a, b) => a + b, 0)).toBe(ids.length);
    } finally {
      await relay.stop();
    }
  });
});

// Held open until as many handlers run at once as the setting allows: only a worker taking that
// many events at a time gets there.
const CONCURRENCY = 12;
let running = 0;
let mostAtOnce = 0;
let openGate!: () => void;
const gate = new Promise<void>((resolve) => { openGate = resolve; });
const gateModule = defineChainModule({
  id: 'sluis',
  title: { nl: 'Sluis', en: 'Lock gate' },
  version: '1.0.0',
  permissions: [],
  eventHandlers: [{
    id: 'sluis.wait',
    eventType: 'sluis.arrived',
    async handle() {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      if (running >= CONCURRENCY) openGate();
      try {
        await gate;
      } finally {
        running--;
      }
    },
  }],
});

describe('event handler concurrency', () => {
  let t: TestPlatform;
  let tenant: Tenant;

  beforeAll(async () => {
    // Every waiting handler holds a pooled connection (its unit of work), so the pool is larger.
    t = await startTestPlatform({ modules: [gateModule], worker: true, redisUrl: redis.url, poolMax: 2 * CONCURRENCY,
      config: { eventConcurrency: CONCURRENCY } });
    tenant = await t.createTenant('limburg');
  });
  afterAll(async () => {
    openGate();
    await t?.close();
  });

  it('runs as many handlers at once as KETENHUIS_EVENT_CONCURRENCY says, and no more', async () => {
    const ids = await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, async (scope) => {
      const out: string[] = [];
      for (let i = 0; i < CONCURRENCY + 8; i++) out.push(await scope.publish({ type: 'sluis.arrived', aggregateType: 'boat', aggregateId: `boat-${i}` }));
      return out;
    });
    try {
      await eventually(async () => expect(mostAtOnce).toBe(CONCURRENCY));
    } finally {
      openGate();
    }
    await eventually(async () => {
      const [{ n }] = await inTenant<{ n: number }>(t.platform, tenant,
        `SELECT count(*)::int AS n FROM outbox_deliveries WHERE handler = 'sluis.wait' AND event_id = ANY($1)`, [ids]);
      expect(n).toBe(ids.length);
    });
    expect(mostAtOnce).toBe(CONCURRENCY);
  });
});
