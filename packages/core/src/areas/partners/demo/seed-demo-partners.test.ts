import { startTestPlatform, type TestPlatform } from '../../../testing';
import type { Tenant } from '../../../kernel/tenancy/tenants';
import { seedDemoPartners } from './seed-demo-partners';

// A chain written after the demo district was first seeded must be worked there at once: the demo
// parket and police zones take up each installed chain they lack, and nobody else changes.
describe('the demo partners and installed chains', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  const audit = { requestId: 'seed-test', actorSubject: 'operator:test' };
  const seed = (chains: string[]) => t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (scope) => seedDemoPartners(scope.manager, tenant.id, audit, chains));
  const chainsByType = () => t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (scope) =>
    scope.query<{ name: string; type: string; chains: string[] }>('SELECT name, type, chains FROM organisations ORDER BY name'));

  beforeAll(async () => {
    t = await startTestPlatform();
    tenant = await t.createTenant('limburg');
  });
  afterAll(() => t.close());

  it('adds a newly installed chain to the demo parket and police zones only, audited, and never removes one', async () => {
    const first = await seed(['m']);
    expect(first.organisations.every((o) => o.outcome === 'created')).toBe(true);
    const before = await chainsByType();

    const second = await seed(['m', 'nieuw']);
    const updated = second.organisations.filter((o) => o.outcome === 'updated').map((o) => o.type).sort();
    expect(updated).toEqual(['parket', 'politiezone', 'politiezone']);
    expect(second.organisations.filter((o) => o.outcome === 'kept').length).toBe(second.organisations.length - 3);
    const after = await chainsByType();
    for (const [i, org] of after.entries()) {
      const expected = ['parket', 'politiezone'].includes(org.type) ? [...before[i].chains, 'nieuw'] : before[i].chains;
      expect({ name: org.name, chains: org.chains }).toEqual({ name: org.name, chains: expected });
    }
    const records = await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (scope) =>
      scope.query<{ count: number }>(`SELECT count(*)::int AS count FROM audit_records WHERE action = 'organisation.update' AND changed_fields = ARRAY['chains']`));
    expect(records[0].count).toBe(3);

    const third = await seed([]);
    expect(third.organisations.every((o) => o.outcome === 'kept')).toBe(true);
    expect(await chainsByType()).toEqual(after);
  });
});
