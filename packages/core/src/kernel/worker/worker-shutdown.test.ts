import { Client } from 'pg';
import pino from 'pino';
import { defineChainModule } from '@ketenhuis/sdk';
import { fixtureModule, eventually } from '@ketenhuis/testing';
import { Platform, startRedisServer, type RedisTestServer, type Tenant } from '../../index';
import { startTestPlatform, publishFixtureEvents, type TestPlatform } from '../../testing';

// A job that holds on until the test lets it go, so shutdown is seen with work in flight.
let started!: () => void;
const jobStarted = new Promise<void>((resolve) => { started = resolve; });
let release!: () => void;
const released = new Promise<void>((resolve) => { release = resolve; });
const slowModule = defineChainModule({
  id: 'langzaam',
  title: { nl: 'Trage keten', en: 'Slow chain' },
  version: '1.0.0',
  permissions: [],
  queues: [{
    name: 'langzaam.work',
    async process(job, scope) {
      started();
      await released;
      await scope.query(`INSERT INTO fixture_effects (tenant_id, kind, ref) VALUES ($1, 'job', $2)`, [scope.tenantId, String(job.data.ref)]);
    },
  }],
});
const modules = [fixtureModule, slowModule];

// Rolling deploys stop workers mid-stream: closing must let running jobs finish, lose nothing that
// was queued or still in the outbox, and leave no handle that keeps the process alive.
describe('worker shutdown during activity', () => {
  let redis: RedisTestServer;
  let t: TestPlatform;
  let tenant: Tenant;

  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestPlatform({ modules, worker: true, redisUrl: redis.url });
    tenant = await t.createTenant('limburg');
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  /** Read past RLS as the superuser: the platform's own pool is gone after close(). */
  async function superuserQuery<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: t.db.adminUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }
  const eventEffects = () => superuserQuery<{ ref: string; n: number }>(
    `SELECT ref, count(*)::int AS n FROM fixture_effects WHERE kind = 'event' GROUP BY ref`);
  const deliveredEvents = () => superuserQuery<{ event_id: string }>(
    `SELECT event_id FROM outbox_deliveries WHERE handler = 'fixture.record-created'`);

  it('finishes the running job, then a new worker delivers the rest exactly once', async () => {
    const eventIds: string[] = [];
    for (let i = 0; i < 4; i++) eventIds.push(...(await publishFixtureEvents(t.platform, tenant, 50)));
    await t.platform.queues.queue('langzaam.work').add('work', { tenantId: tenant.id, ref: 'held-during-close' });
    await jobStarted;
    await eventually(async () => expect((await eventEffects()).length).toBeGreaterThan(0));

    const echo = t.platform.queues.queue('fixture.echo');
    expect(await echo.getWorkers()).toHaveLength(1);
    let closed = false;
    const closing = t.platform.close().then(() => { closed = true; });
    // The idle workers are gone, so shutdown is under way; it cannot end while the job runs.
    await eventually(async () => expect(await echo.getWorkers()).toEqual([]));
    expect(closed).toBe(false);
    release();
    await closing;

    expect(await superuserQuery(`SELECT 1 FROM fixture_effects WHERE kind = 'job' AND ref = 'held-during-close'`)).toHaveLength(1);
    // Every effect committed so far came with its delivery record, and none twice.
    const effects = await eventEffects();
    expect(effects.every((e) => e.n === 1)).toBe(true);
    expect(effects.map((e) => e.ref).sort()).toEqual((await deliveredEvents()).map((d) => d.event_id).sort());

    // Written while no worker runs at all: only the next worker can deliver these.
    const written = await superuserQuery<{ id: string }>(
      `INSERT INTO outbox_events (tenant_id, type, aggregate_type, aggregate_id)
       SELECT $1, 'fixture.item-created', 'fixture-item', 'after-close-' || n FROM generate_series(1, 20) n RETURNING id`, [tenant.id]);
    eventIds.push(...written.map((w) => w.id));

    const next = await Platform.create({ config: t.platform.config, modules, logger: pino({ level: 'silent' }) });
    try {
      await next.startWorker();
      await eventually(async () => expect((await eventEffects()).length).toBe(eventIds.length));
    } finally {
      await next.close();
    }
    const after = await eventEffects();
    expect(after.map((e) => e.ref).sort()).toEqual([...eventIds].sort());
    expect(after.every((e) => e.n === 1)).toBe(true);
    expect(await superuserQuery(`SELECT id FROM outbox_events WHERE published_at IS NULL`)).toEqual([]);
  });

  it('closing again is harmless', async () => {
    await expect(t.platform.close()).resolves.toBeUndefined();
  });
});
