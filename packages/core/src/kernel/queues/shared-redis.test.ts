import { Redis } from 'ioredis';
import { eventually, fixtureModule } from '@ketenhuis/testing';
import type { Tenant } from '../../index';
import { startTestPlatform, testRedisUrl, type TestPlatform } from '../../testing';

// The production queue backend on the shared Redis (TEST_REDIS_URL): jobs and events flow, and
// every key carries this test file's prefix, so parallel files never take each other's jobs.
describe('queues on the shared Redis', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  const redis = new Redis(testRedisUrl(), { lazyConnect: true });

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule], worker: true, redisUrl: testRedisUrl() });
    tenant = await t.createTenant('limburg');
    await redis.connect();
  });
  afterAll(async () => {
    // Leave nothing behind in the shared server.
    const keys = await redis.keys(`${t.db.name}:*`);
    await t.close();
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const effects = (kind: string) => t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) =>
    s.query<{ ref: string }>('SELECT ref FROM fixture_effects WHERE kind = $1 ORDER BY id', [kind]));

  it('delivers outbox events to module handlers once each', async () => {
    const token = await t.token(tenant, { roles: ['administratief-medewerker'] });
    for (let i = 0; i < 5; i++) {
      expect((await t.request('POST', '/api/v1/chains/fixture/items', { token, body: { title: `item ${i}` } })).status).toBe(201);
    }
    const refs = await eventually(async () => {
      const r = await effects('event');
      expect(r).toHaveLength(5);
      return r;
    });
    expect(new Set(refs.map((r) => r.ref)).size).toBe(5);
  });

  it("runs a module's job in the tenant of its payload, under this file's key prefix", async () => {
    await t.platform.queues.queue('fixture.echo').add('echo', { tenantId: tenant.id, ref: 'shared-redis-job' });
    await eventually(async () => expect((await effects('job')).map((r) => r.ref)).toContain('shared-redis-job'));
    const keys = await redis.keys(`${t.db.name}:fixture.echo:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(await redis.keys('bull:fixture.echo:*')).toEqual([]);
  });
});
