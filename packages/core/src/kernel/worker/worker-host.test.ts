import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { defineChainModule } from '@ketenhuis/sdk';
import { fixtureModule, eventually } from '@ketenhuis/testing';
import { TenantRegistry, startRedisServer, type RedisTestServer, type Tenant, type WorkerHost } from '../../index';
import { startTestPlatform, inTenant, type TestPlatform } from '../../testing';

// What the scheduled job saw of its unit of work: the tenant in its payload, in its scope, and the
// one its transaction is bound to.
const ticks: { payload: unknown; scope: string; bound: string }[] = [];
const roosterModule = defineChainModule({
  id: 'rooster',
  title: { nl: 'Zittingsrooster', en: 'Hearing roster' },
  version: '1.0.0',
  permissions: [],
  queues: [{
    name: 'rooster.remind',
    async process(job, scope) {
      const [{ bound }] = await scope.query<{ bound: string }>(`SELECT current_setting('app.tenant_id') AS bound`);
      ticks.push({ payload: job.data.tenantId, scope: scope.tenantId, bound });
    },
  }],
  // Every second, so the test sees a scheduled job run without waiting for a real roster time.
  schedules: [{ id: 'rooster.remind.every-second', queue: 'rooster.remind', cron: '* * * * * *', perTenant: true }],
});

describe('worker host', () => {
  let redis: RedisTestServer;
  let t: TestPlatform;
  let host: WorkerHost;
  let limburg: Tenant;
  let antwerpen: Tenant;

  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestPlatform({ modules: [fixtureModule, roosterModule], redisUrl: redis.url });
    // Tenants first: the host creates schedulers for the tenants it finds when it starts.
    limburg = await t.createTenant('limburg', ['fixture', 'rooster']);
    antwerpen = await t.createTenant('antwerpen', ['fixture']);
    host = await t.platform.startWorker();
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  /** Every fixture_effects row with this ref in any tenant, read past RLS as the superuser. */
  async function effectsAnywhere(ref: string): Promise<{ tenant_id: string; kind: string }[]> {
    const superuser = new Client({ connectionString: t.db.adminUrl });
    await superuser.connect();
    try {
      return (await superuser.query('SELECT tenant_id, kind FROM fixture_effects WHERE ref = $1', [ref])).rows;
    } finally {
      await superuser.end();
    }
  }

  describe('module queue jobs', () => {
    it('run in the unit of work of the tenant named in their payload, and write only there', async () => {
      const ref = `echo-${randomUUID()}`;
      await t.platform.queues.queue('fixture.echo').add('echo', { tenantId: antwerpen.id, ref });

      await eventually(async () => {
        expect(await inTenant(t.platform, antwerpen, `SELECT 1 FROM fixture_effects WHERE kind = 'job' AND ref = $1`, [ref])).toHaveLength(1);
      });
      expect(await inTenant(t.platform, limburg, 'SELECT 1 FROM fixture_effects WHERE ref = $1', [ref])).toHaveLength(0);
      expect(await effectsAnywhere(ref)).toEqual([{ tenant_id: antwerpen.id, kind: 'job' }]);
    });

    it.each([
      ['a tenant that does not exist', () => randomUUID()],
      ['something that is not a tenant id', () => 'limburg'],
    ])('fail, without writing anything, when the payload names %s', async (_, tenantId) => {
      const ref = `stray-${randomUUID()}`;
      const job = await t.platform.queues.queue('fixture.echo').add('echo', { tenantId: tenantId(), ref });

      await eventually(async () => expect(await job.getState()).toBe('failed'));
      const failed = await t.platform.queues.queue('fixture.echo').getJob(job.id!);
      expect(failed?.failedReason).toMatch(/unknown tenant/);
      // Retrying cannot make the tenant appear, so there is no second attempt.
      expect(failed?.attemptsMade).toBe(1);
      expect(await effectsAnywhere(ref)).toEqual([]);
    });

    it('fail, without writing anything, for a tenant that did not enable the module', async () => {
      const brussel = await t.createTenant('brussel', []);
      const ref = `disabled-${randomUUID()}`;
      const job = await t.platform.queues.queue('fixture.echo').add('echo', { tenantId: brussel.id, ref });

      await eventually(async () => expect(await job.getState()).toBe('failed'));
      const failed = await t.platform.queues.queue('fixture.echo').getJob(job.id!);
      expect(failed?.failedReason).toMatch(/Module fixture is not enabled for tenant brussel/);
      expect(failed?.attemptsMade).toBe(1);
      expect(await effectsAnywhere(ref)).toEqual([]);
    });
  });

  describe('job schedulers', () => {
    const schedulerKeys = async () => (await t.platform.queues.queue('rooster.remind').getJobSchedulers()).map((s) => s.key).sort();

    it('exist once per tenant that enabled the module, and not for a tenant that did not', async () => {
      const schedulers = await t.platform.queues.queue('rooster.remind').getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({
        key: `rooster.remind.every-second:${limburg.id}`,
        pattern: '* * * * * *',
        tz: 'UTC',
        template: { data: { tenantId: limburg.id } },
      });
    });

    it('run their jobs in the tenant unit of work of that tenant', async () => {
      await eventually(async () => expect(ticks.length).toBeGreaterThan(0));
      expect(ticks.every((tick) => tick.payload === limburg.id && tick.scope === limburg.id && tick.bound === limburg.id)).toBe(true);
    });

    it('are not duplicated by syncing again, and follow the modules tenants enable and switch off', async () => {
      await host.syncSchedules();
      await host.syncSchedules();
      expect(await schedulerKeys()).toEqual([`rooster.remind.every-second:${limburg.id}`]);

      await new TenantRegistry(t.admin).enableModules(antwerpen.id, ['rooster']);
      await host.syncSchedules();
      await host.syncSchedules();
      expect(await schedulerKeys()).toEqual([limburg.id, antwerpen.id].map((id) => `rooster.remind.every-second:${id}`).sort());

      await t.admin.transaction(async (m) => {
        await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [limburg.id]);
        await m.query(`DELETE FROM tenant_modules WHERE module_id = 'rooster'`);
      });
      await host.syncSchedules();
      expect(await schedulerKeys()).toEqual([`rooster.remind.every-second:${antwerpen.id}`]);
    });
  });
});
