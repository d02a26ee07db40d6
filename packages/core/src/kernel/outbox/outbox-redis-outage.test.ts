import pino from 'pino';
import { fixtureModule, eventually } from '@ketenhuis/testing';
import { EVENTS_QUEUE, OutboxRelay, PlatformMetrics, startRedisServer, type RedisTestServer, type Tenant } from '../../index';
import { startTestPlatform, effectCounts, inTenant, type TestPlatform } from '../../testing';

// Architecture §5: a Redis outage delays events, it never loses them. The outage is real: a
// private redis-server is killed and started again while the platform keeps serving.
describe('outbox delivery across a Redis outage', () => {
  let redis: RedisTestServer;
  let t: TestPlatform;
  let tenant: Tenant;
  let token: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestPlatform({ modules: [fixtureModule], worker: true, redisUrl: redis.url });
    tenant = await t.createTenant('limburg');
    token = await t.token(tenant, { roles: ['administratief-medewerker'] });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  const createItem = async (title: string) => {
    const res = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: { title } });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  };
  const outbox = () => inTenant<{ id: string; aggregate_id: string; published_at: Date | null }>(t.platform, tenant,
    `SELECT id, aggregate_id, published_at FROM outbox_events WHERE type = 'fixture.item-created'`);

  it('delivers every event written during the outage exactly once after Redis returns', async () => {
    // The pipeline works before the outage, so what follows measures the outage alone.
    const before = await createItem('before the outage');
    await eventually(async () => {
      const [event] = (await outbox()).filter((e) => e.aggregate_id === before.id);
      expect((await effectCounts(t.platform, tenant, 'event')).get(event.id)).toBe(1);
    });

    await redis.stop();
    const items = [];
    for (let i = 0; i < 50; i++) items.push(await createItem(`written while Redis is down ${i}`));

    // A relay round in the outage fails as a whole and leaves the rows for the next one.
    const relay = new OutboxRelay(t.platform.db, t.platform.queues.queue(EVENTS_QUEUE, { failFast: true }), pino({ level: 'silent' }), new PlatformMetrics(false), { pollMs: 1_000 });
    await expect(relay.publishBatch(tenant.id)).rejects.toThrow();

    const pending = (await outbox()).filter((e) => e.aggregate_id !== before.id);
    expect(pending.map((e) => e.aggregate_id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(pending.filter((e) => e.published_at !== null)).toEqual([]);
    const during = await effectCounts(t.platform, tenant, 'event');
    expect(pending.filter((e) => during.has(e.id))).toEqual([]);

    await redis.restart();

    const delivered = await eventually(async () => {
      const counts = await effectCounts(t.platform, tenant, 'event');
      expect(pending.filter((e) => !counts.has(e.id))).toEqual([]);
      return counts;
    });
    // One effect per event: none missing (above), none twice, and nothing that is not an event.
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
    expect([...delivered.keys()].sort()).toEqual([...(await outbox()).map((e) => e.id)].sort());
    expect((await outbox()).filter((e) => e.published_at === null)).toEqual([]);
    const deliveries = await inTenant<{ n: number }>(t.platform, tenant,
      `SELECT count(*)::int AS n FROM outbox_deliveries WHERE handler = 'fixture.record-created'`);
    expect(deliveries[0].n).toBe(51);
  });
});
