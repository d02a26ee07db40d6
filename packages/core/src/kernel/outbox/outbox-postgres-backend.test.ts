import { Client } from 'pg';
import { fixtureModule, eventually } from '@ketenhuis/testing';
import type { Tenant } from '../../index';
import { startTestPlatform, effectCounts, inTenant, type TestPlatform } from '../../testing';

// Without REDIS_URL the platform queues on BullMQ's PostgreSQL backend (the embedded default);
// events must reach their handlers there just as they do through Redis.
describe('outbox delivery on the PostgreSQL queue backend', () => {
  let t: TestPlatform;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule], worker: true });
    tenant = await t.createTenant('limburg');
  });
  afterAll(() => t?.close());

  it('delivers every event to its handler exactly once', async () => {
    expect(t.platform.queues.kind).toBe('postgres');
    const token = await t.token(tenant, { roles: ['administratief-medewerker'] });
    for (let i = 0; i < 10; i++) {
      const res = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: { title: `item ${i}` } });
      expect(res.status).toBe(201);
    }
    const events = await inTenant<{ id: string }>(t.platform, tenant, `SELECT id FROM outbox_events WHERE type = 'fixture.item-created'`);
    expect(events).toHaveLength(10);

    const counts = await eventually(async () => {
      const c = await effectCounts(t.platform, tenant, 'event');
      expect(c.size).toBe(10);
      return c;
    });
    expect([...counts.keys()].sort()).toEqual(events.map((e) => e.id).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('runs module queue jobs in the tenant named by the payload', async () => {
    await t.platform.queues.queue('fixture.echo').add('echo', { tenantId: tenant.id, ref: 'on-postgres' });
    await eventually(async () => expect((await effectCounts(t.platform, tenant, 'job')).get('on-postgres')).toBe(1));
  });

  it('keeps its queue tables out of reach of the application role', async () => {
    // The queue's schema belongs to the migrating role; the application role must not be able to
    // read or rewrite jobs (they carry tenant ids) behind the platform's back.
    const app = new Client({ connectionString: t.db.appUrl });
    await app.connect();
    try {
      const [{ visible }] = (await app.query(`SELECT has_schema_privilege(current_user, 'bullmq', 'USAGE') AS visible`)).rows;
      expect(visible).toBe(false);
    } finally {
      await app.end();
    }
  });
});
