import { eventually } from '@ketenhuis/testing';
import { startTestPlatform, type TestPlatform } from '../../testing';
import type { Tenant } from '../tenancy/tenants';
import { writeAuditRecord, type AuditEntry } from './audit-record';
import { AuditChainer } from './audit-chainer';
import { verifyAuditChain } from './verify-chain';

const entry = (i: number): AuditEntry => ({
  requestId: `req-${i}`, actorSubject: 'test-user', action: 'case.read', objectType: 'case', objectId: `case-${i}`,
  result: 'allowed', purpose: 'casework',
});

describe('audit chainer', () => {
  let t: TestPlatform;

  // The worker chains on its own (every 2 s by default); these tests chain by hand, so nobody
  // else holds the tenants' chain locks while they look.
  beforeAll(async () => { t = await startTestPlatform({ poolMax: 8 }); });
  afterAll(() => t?.close());

  const write = (tenant: Tenant, i: number) =>
    t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (scope) => writeAuditRecord(scope.manager, tenant.id, entry(i)));

  async function chainOf(tenant: Tenant): Promise<{ id: number; seq: number | null }[]> {
    return t.admin.transaction(async (m) => {
      await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
      const rows: { id: string; seq: string | null }[] = await m.query('SELECT id, seq FROM audit_records ORDER BY id');
      return rows.map((r) => ({ id: Number(r.id), seq: r.seq === null ? null : Number(r.seq) }));
    });
  }

  it('a record whose transaction commits after higher ids were chained is chained later, not left behind', async () => {
    const tenant = await t.createTenant('late-commit');
    const chainer = new AuditChainer(t.platform.db);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let lateId!: string;
    let written!: () => void;
    const inserted = new Promise<void>((resolve) => { written = resolve; });
    const late = t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, async (scope) => {
      lateId = await writeAuditRecord(scope.manager, tenant.id, entry(1));
      written();
      await gate;
    });
    await inserted;
    const earlyIds = [await write(tenant, 2), await write(tenant, 3)];
    expect(Number(earlyIds[0])).toBeGreaterThan(Number(lateId));

    expect(await chainer.chainTenant(tenant.id)).toBe(2);
    expect(await verifyAuditChain(t.admin, tenant.id)).toEqual({ ok: true, records: 2, unchained: 0 });

    release();
    await late;
    expect(await verifyAuditChain(t.admin, tenant.id)).toEqual({ ok: true, records: 2, unchained: 1 });
    expect(await chainer.chainTenant(tenant.id)).toBe(1);
    expect(await verifyAuditChain(t.admin, tenant.id)).toEqual({ ok: true, records: 3, unchained: 0 });
    expect(await chainOf(tenant)).toEqual([
      { id: Number(lateId), seq: 3 }, { id: Number(earlyIds[0]), seq: 1 }, { id: Number(earlyIds[1]), seq: 2 },
    ]);
  });

  it('two chainers at once, while records keep arriving, make one consistent chain', async () => {
    const tenant = await t.createTenant('concurrent');
    for (let i = 0; i < 150; i++) await write(tenant, i);
    // Small batches, so the two take turns many times.
    const [a, b] = [new AuditChainer(t.platform.db, { batchSize: 7 }), new AuditChainer(t.platform.db, { batchSize: 7 })];
    const writers = Promise.all(Array.from({ length: 3 }, async (_, w) => {
      for (let i = 0; i < 20; i++) await write(tenant, 1000 * (w + 1) + i);
    }));
    const [na, nb] = await Promise.all([a.chainTenant(tenant.id), b.chainTenant(tenant.id), writers]);
    const rest = await a.chainTenant(tenant.id);
    expect(na + nb + rest).toBe(210);
    expect(na).toBeGreaterThan(0);
    expect(nb).toBeGreaterThan(0);

    expect(await verifyAuditChain(t.admin, tenant.id)).toEqual({ ok: true, records: 210, unchained: 0 });
    const seqs = (await chainOf(tenant)).map((r) => r.seq).sort((x, y) => (x as number) - (y as number));
    expect(seqs).toEqual(Array.from({ length: 210 }, (_, i) => i + 1));
  });

  it('chainAll chains every tenant, each in its own chain', async () => {
    const [x, y] = [await t.createTenant('all-x'), await t.createTenant('all-y')];
    for (let i = 0; i < 4; i++) await write(x, i);
    for (let i = 0; i < 6; i++) await write(y, i);
    expect(await new AuditChainer(t.platform.db).chainAll()).toBe(10);
    expect(await verifyAuditChain(t.admin, x.id)).toEqual({ ok: true, records: 4, unchained: 0 });
    expect(await verifyAuditChain(t.admin, y.id)).toEqual({ ok: true, records: 6, unchained: 0 });
    expect((await chainOf(y)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('audit chaining in the worker', () => {
  let t: TestPlatform;
  beforeAll(async () => { t = await startTestPlatform({ worker: true }); });
  afterAll(() => t?.close());

  it('chains new records by itself, and keeps doing so', async () => {
    const tenant = await t.createTenant('worker');
    const write = (i: number) =>
      t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (scope) => writeAuditRecord(scope.manager, tenant.id, entry(i)));
    await write(1);
    await eventually(async () => expect(await verifyAuditChain(t.admin, tenant.id)).toEqual({ ok: true, records: 1, unchained: 0 }));
    await write(2);
    await write(3);
    await eventually(async () => expect(await verifyAuditChain(t.admin, tenant.id)).toEqual({ ok: true, records: 3, unchained: 0 }));
  });
});
