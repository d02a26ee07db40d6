import { defineChainModule } from '@ketenhuis/sdk';
import { eventually, fixtureModule, expectProblem } from '@ketenhuis/testing';
import { startRedisServer, type RedisTestServer, type Tenant } from '../../index';
import { startTestPlatform, type TestPlatform } from '../../testing';

describe('429 when a client exceeds the rate limit', () => {
  let t: TestPlatform;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestPlatform({ config: { rateLimitPerMinute: 3 } });
    tenant = await t.createTenant('limburg');
  });
  afterAll(() => t.close());

  it('answers problem+json with Retry-After once the window is used up', async () => {
    const token = await t.token(tenant);
    // The window is a wall-clock minute, so one reset may fall between these requests: the
    // first three always pass, and seven are enough to exceed the limit even across a reset.
    const statuses: number[] = [];
    let limited: Response | undefined;
    while (!limited && statuses.length < 7) {
      const res = await t.request('GET', '/api/v1/tenant', { token });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.body?.cancel();
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(limited).toBeDefined();
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    await expectProblem(limited!, 429, 'rate-limited');

    // Another client has its own budget.
    const other = await t.token(tenant, { subject: 'someone-else' });
    expect((await t.request('GET', '/api/v1/tenant', { token: other })).status).toBe(200);
  });
});

describe('/readyz', () => {
  let redis: RedisTestServer;
  let t: TestPlatform;

  beforeAll(async () => {
    // A private Redis: stopping the shared one would break every suite running in parallel.
    redis = await startRedisServer();
    t = await startTestPlatform({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('is 200 naming every check while the database and the queue backend answer', async () => {
    const res = await t.request('GET', '/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
  });

  it('is 503 problem+json naming the queue when Redis is unreachable', async () => {
    await redis.stop();
    const body = await expectProblem(await t.request('GET', '/readyz'), 503, 'unavailable');
    expect(body.detail).toMatch(/\bqueue\b/);
    expect(body.detail).not.toMatch(/database/);
  });

  it('is 200 again once Redis is back', async () => {
    await redis.restart();
    const deadline = Date.now() + 30_000;
    let status = 0;
    while (Date.now() < deadline) {
      const res = await t.request('GET', '/readyz');
      status = res.status;
      await res.body?.cancel();
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });
});

describe('503 when a request takes longer than the timeout', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let finish!: () => void;
  const held = new Promise<void>((resolve) => { finish = resolve; });
  const slow = defineChainModule({
    id: 'traag',
    title: { nl: 'Trage route', en: 'Slow route' },
    version: '1.0.0',
    permissions: ['traag.wait.read'],
    grants: { analist: ['traag.wait.read'] },
    routes: {
      openapi: { paths: { '/wait': { get: { operationId: 'traagWait', responses: { '200': { description: 'done' } } } } } },
      handlers: [{
        method: 'get', path: '/wait', permission: 'traag.wait.read',
        async handle(_req, scope) {
          await scope.query(`INSERT INTO fixture_items (tenant_id, title) VALUES ($1, 'written before the timeout')`, [scope.tenantId]);
          await held;
          return { status: 200, body: {} };
        },
      }],
    },
  });

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule, slow], config: { requestTimeoutMs: 200 } });
    tenant = await t.createTenant('limburg');
  });
  afterAll(async () => {
    finish();
    await t.close();
  });

  it('answers problem+json with the timeout type instead of leaving the client hanging', async () => {
    const res = await t.request('GET', '/api/v1/chains/traag/wait', { token: await t.token(tenant, { roles: ['analist'] }) });
    await expectProblem(res, 503, 'timeout');
    // The handler that finishes later neither answers a second time nor commits its write.
    finish();
    const count = () => t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<{ n: number }>('SELECT count(*)::int AS n FROM fixture_items'));
    await eventually(async () => expect(await t.platform.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`)).toEqual([{ n: 0 }]));
    expect(await count()).toEqual([{ n: 0 }]);
    expect((await t.request('GET', '/healthz')).status).toBe(200);
  });
});
