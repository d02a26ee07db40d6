import { auditRecordSql, type AuditEntry } from '../audit';
import { startTestPlatform, type TestPlatform } from '../../testing';
import type { Tenant } from './tenants';
import { atCommit, inTenant } from './in-tenant';

// What a unit of work leaves for its commit goes with COMMIT in one round trip, as literals: it
// must commit exactly with the work, roll back with it, and store every value exactly as given.
describe('statements left for the commit', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  const entry = (requestId: string, actorSubject = 'tester'): AuditEntry => ({
    requestId, actorSubject, action: 'case.read', objectType: 'case', result: 'allowed', purpose: 'casework', changedFields: ['state', 'fields.pvDate'],
  });
  const records = (requestId: string) => inTenant(t.platform.db, tenant.id, (m) =>
    m.query('SELECT actor_subject, changed_fields, object_id FROM audit_records WHERE request_id = $1', [requestId]) as Promise<Array<{ actor_subject: string; changed_fields: string[]; object_id: string | null }>>);

  beforeAll(async () => {
    t = await startTestPlatform();
    tenant = await t.createTenant('limburg');
  });
  afterAll(() => t.close());

  it('commits the statement with the work, in the same round trip as COMMIT', async () => {
    const before = t.platform.statements.total;
    await inTenant(t.platform.db, tenant.id, async (m) => {
      await m.query('SELECT 1');
      atCommit(m, auditRecordSql(tenant.id, entry('req-commit')));
    });
    // START with set_config, the SELECT, and the record with COMMIT.
    expect(t.platform.statements.total - before).toBe(3);
    expect(await records('req-commit')).toEqual([{ actor_subject: 'tester', changed_fields: ['state', 'fields.pvDate'], object_id: null }]);
  });

  it('writes nothing when the work fails after leaving it', async () => {
    const failing = inTenant(t.platform.db, tenant.id, async (m) => {
      atCommit(m, auditRecordSql(tenant.id, entry('req-rollback')));
      throw new Error('the work failed');
    });
    await expect(failing).rejects.toThrow('the work failed');
    expect(await records('req-rollback')).toEqual([]);
  });

  it('rolls the work back when the statement itself fails at commit', async () => {
    const failing = inTenant(t.platform.db, tenant.id, async (m) => {
      await m.query(`INSERT INTO audit_records (tenant_id, request_id, actor_subject, action, result, purpose)
        VALUES ($1, 'req-work', 'tester', 'case.read', 'allowed', 'casework')`, [tenant.id]);
      atCommit(m, 'SELECT 1/0');
    });
    await expect(failing).rejects.toMatchObject({ code: '22012' });
    expect(await records('req-work')).toEqual([]);
    // The connection went back to the pool usable.
    await inTenant(t.platform.db, tenant.id, async (m) => atCommit(m, auditRecordSql(tenant.id, entry('req-after'))));
    expect(await records('req-after')).toHaveLength(1);
  });

  it('stores quotes, backslashes and statement text exactly, as values', async () => {
    const subject = `o'brien\\"; DROP TABLE audit_records; --\\'`;
    await inTenant(t.platform.db, tenant.id, async (m) => atCommit(m, auditRecordSql(tenant.id, entry('req-quotes', subject))));
    expect(await records('req-quotes')).toEqual([{ actor_subject: subject, changed_fields: ['state', 'fields.pvDate'], object_id: null }]);
  });
});
