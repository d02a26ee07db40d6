import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { startTestPlatform, type TestPlatform } from '../../testing';
import { createDataSource } from '../db/data-source';
import type { Tenant } from '../tenancy/tenants';
import { AUDIT_PURPOSES, AUDIT_RESULTS, writeAuditRecord, type AuditEntry } from './audit-record';
import { AuditChainer } from './audit-chainer';
import { HASHED_COLUMNS, chainHash } from './chain-hash';
import { verifyAuditChain } from './verify-chain';

// Postgres text cannot hold NUL; everything else (quotes, commas, braces, emoji) is fair game.
const text = fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }).filter((s) => !s.includes('\u0000'));
const optional = fc.option(text, { nil: null });
const auditEntry: fc.Arbitrary<AuditEntry> = fc.record({
  requestId: fc.uuid(),
  actorSubject: text,
  actorUserId: optional,
  actingOrganisationId: optional,
  actingFunction: optional,
  action: fc.constantFrom('case.read', 'case.update', 'person.search', 'partner.update', 'case.export'),
  objectType: optional,
  objectId: optional,
  result: fc.constantFrom(...AUDIT_RESULTS),
  purpose: fc.constantFrom(...AUDIT_PURPOSES),
  changedFields: fc.array(fc.stringMatching(/^[a-z][a-zA-Z0-9_.]{0,20}$/), { maxLength: 5 }),
});

const storedAs = (r: Record<string, unknown>): AuditEntry => ({
  requestId: r.request_id as string,
  actorSubject: r.actor_subject as string,
  actorUserId: r.actor_user_id as string | null,
  actingOrganisationId: r.acting_organisation_id as string | null,
  actingFunction: r.acting_function as string | null,
  action: r.action as string,
  objectType: r.object_type as string | null,
  objectId: r.object_id as string | null,
  result: r.result as AuditEntry['result'],
  purpose: r.purpose as AuditEntry['purpose'],
  changedFields: r.changed_fields as string[],
});

describe('audit trail', () => {
  let t: TestPlatform;
  /** The test server's superuser: bypasses row-level security, and the trigger in replica mode. */
  let su: DataSource;
  let chainer: AuditChainer;

  beforeAll(async () => {
    t = await startTestPlatform();
    su = createDataSource({ url: t.db.adminUrl, poolMax: 2, applicationName: 'audit-tamper' });
    await su.initialize();
    chainer = new AuditChainer(t.platform.db);
  });
  afterAll(async () => {
    await su?.destroy();
    await t?.close();
  });

  const session = (tenant: Tenant) => ({ tenantId: tenant.id, tenantSlug: tenant.slug });

  /** Through the unit of work, a few entries per transaction; ids in entry order. */
  async function write(tenant: Tenant, entries: AuditEntry[], perTransaction = 3): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < entries.length; i += perTransaction) {
      ids.push(...await t.platform.uow.run(session(tenant), async (scope) => {
        const out: string[] = [];
        for (const e of entries.slice(i, i + perTransaction)) out.push(await writeAuditRecord(scope.manager, tenant.id, e));
        return out;
      }));
    }
    return ids;
  }

  /** A tenant with `n` random records, all chained; ids in seq order. */
  async function chainedTenant(slug: string, n: number): Promise<{ tenant: Tenant; ids: string[] }> {
    const tenant = await t.createTenant(slug);
    const ids = await write(tenant, fc.sample(auditEntry, n));
    expect(await chainer.chainTenant(tenant.id)).toBe(n);
    return { tenant, ids };
  }

  /** What a malicious DBA can do: write with the trigger switched off for this transaction. */
  const tamper = (sql: string, params: unknown[] = []) => su.transaction(async (m) => {
    await m.query('SET LOCAL session_replication_role = replica');
    await m.query(sql, params);
  });

  const asApp = (tenant: Tenant, sql: string, params: unknown[] = []) =>
    t.platform.uow.run(session(tenant), (scope) => scope.query(sql, params));
  const asOwner = (tenant: Tenant, sql: string, params: unknown[] = []) => t.admin.transaction(async (m) => {
    await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
    return m.query(sql, params);
  });

  it('N random entries leave exactly N records, every field as given, the time set by the database', async () => {
    const tenant = await t.createTenant('store');
    const entries = fc.sample(auditEntry, 60);
    const before: Date = (await su.query('SELECT clock_timestamp() AS now'))[0].now;
    const ids = await write(tenant, entries);
    const after: Date = (await su.query('SELECT clock_timestamp() AS now'))[0].now;

    const rows: Record<string, unknown>[] = await su.query(
      'SELECT *, id::text AS id, tenant_id::text AS tenant_id FROM audit_records a WHERE a.tenant_id = $1 ORDER BY a.id', [tenant.id]);
    expect(rows).toHaveLength(60);
    expect(rows.map((r) => r.id)).toEqual(ids);
    rows.forEach((r, i) => {
      expect(storedAs(r)).toEqual({ ...entries[i] });
      expect(r.tenant_id).toBe(tenant.id);
      expect((r.occurred_at as Date).getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect((r.occurred_at as Date).getTime()).toBeLessThanOrEqual(after.getTime());
      expect([r.seq, r.prev_hash, r.hash]).toEqual([null, null, null]);
    });

    expect(await verifyAuditChain(t.platform.db, tenant.id)).toEqual({ ok: true, records: 0, unchained: 60 });
    expect(await chainer.chainTenant(tenant.id)).toBe(60);
    expect(await verifyAuditChain(t.platform.db, tenant.id)).toEqual({ ok: true, records: 60, unchained: 0 });
    const seqs = await su.query('SELECT seq::int AS seq FROM audit_records a WHERE a.tenant_id = $1 ORDER BY a.id', [tenant.id]);
    expect(seqs.map((r: { seq: number }) => r.seq)).toEqual(entries.map((_, i) => i + 1));
  });

  it('a record commits or rolls back with the work of its transaction', async () => {
    const tenant = await t.createTenant('rollback');
    const [entry] = fc.sample(auditEntry, 1);
    await expect(t.platform.uow.run(session(tenant), async (scope) => {
      await writeAuditRecord(scope.manager, tenant.id, entry);
      throw new Error('the work failed');
    })).rejects.toThrow('the work failed');
    expect(await su.query('SELECT 1 FROM audit_records WHERE tenant_id = $1', [tenant.id])).toHaveLength(0);
  });

  it('refuses entries that are incomplete, out of the sets, carry values as field names, or name another tenant', async () => {
    const tenant = await t.createTenant('refusals');
    const other = await t.createTenant('refusals-other');
    const [good] = fc.sample(auditEntry, 1);
    const attempt = (tenantId: string, entry: AuditEntry) =>
      t.platform.uow.run(session(tenant), (scope) => writeAuditRecord(scope.manager, tenantId, entry));
    await expect(attempt(tenant.id, { ...good, action: '' })).rejects.toThrow(/action is required/);
    await expect(attempt(tenant.id, { ...good, result: 'maybe' as never })).rejects.toThrow(/result "maybe"/);
    await expect(attempt(tenant.id, { ...good, purpose: 'curiosity' as never })).rejects.toThrow(/purpose "curiosity"/);
    for (const value of ['Jan Peeters', '85.07.30-033.28']) {
      const err = await attempt(tenant.id, { ...good, changedFields: ['lastName', value] }).catch((e: Error) => e);
      expect((err as Error).message).toMatch(/names only, never values/);
      expect((err as Error).message).not.toContain(value);
    }
    await expect(attempt(other.id, good)).rejects.toThrow(/row-level security/);
    expect(await su.query('SELECT 1 FROM audit_records WHERE tenant_id IN ($1, $2)', [tenant.id, other.id])).toHaveLength(0);
  });

  describe('append-only', () => {
    let tenant: Tenant;
    let chained: string;
    let unchained: string;

    beforeAll(async () => {
      ({ tenant, ids: [chained] } = await chainedTenant('append-only', 1));
      [unchained] = await write(tenant, fc.sample(auditEntry, 1));
    });

    it('the application role may not change, delete or truncate, nor choose the time or the chain', async () => {
      const denied = /permission denied for table audit_records/;
      await expect(asApp(tenant, `UPDATE audit_records SET action = 'case.read' WHERE id = $1`, [chained])).rejects.toThrow(denied);
      await expect(asApp(tenant, `UPDATE audit_records SET occurred_at = now() - interval '1 day' WHERE id = $1`, [unchained])).rejects.toThrow(denied);
      await expect(asApp(tenant, 'DELETE FROM audit_records WHERE id = $1', [chained])).rejects.toThrow(denied);
      await expect(asApp(tenant, 'TRUNCATE audit_records')).rejects.toThrow(denied);
      await expect(asApp(tenant, `INSERT INTO audit_records (tenant_id, request_id, actor_subject, action, result, purpose, occurred_at)
        VALUES ($1, 'r', 's', 'case.read', 'allowed', 'casework', '2001-01-01')`, [tenant.id])).rejects.toThrow(denied);
      await expect(asApp(tenant, `INSERT INTO audit_records (tenant_id, request_id, actor_subject, action, result, purpose, seq, prev_hash, hash)
        VALUES ($1, 'r', 's', 'case.read', 'allowed', 'casework', 99, repeat('0', 64), repeat('0', 64))`, [tenant.id])).rejects.toThrow(denied);
    });

    it('the chain columns, which it may set, it may set once: the trigger refuses overwriting a hash', async () => {
      await expect(asApp(tenant, `UPDATE audit_records SET hash = repeat('a', 64) WHERE id = $1`, [chained]))
        .rejects.toThrow(/append-only: record \d+ is already chained/);
      await expect(asApp(tenant, 'UPDATE audit_records SET seq = seq + 100 WHERE id = $1', [chained]))
        .rejects.toThrow(/already chained/);
    });

    it('the trigger holds for the owner too, who has every grant', async () => {
      await expect(asOwner(tenant, `UPDATE audit_records SET action = 'case.delete' WHERE id = $1`, [unchained]))
        .rejects.toThrow(/append-only: only seq, prev_hash and hash may be set/);
      await expect(asOwner(tenant, `UPDATE audit_records SET hash = repeat('b', 64) WHERE id = $1`, [chained]))
        .rejects.toThrow(/already chained/);
      await expect(asOwner(tenant, 'DELETE FROM audit_records WHERE id = $1', [chained])).rejects.toThrow(/append-only: DELETE is not allowed/);
      await expect(asOwner(tenant, 'TRUNCATE audit_records')).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
      await expect(asOwner(tenant, `INSERT INTO audit_records (tenant_id, request_id, actor_subject, action, result, purpose, seq, prev_hash, hash)
        VALUES ($1, 'r', 's', 'case.read', 'allowed', 'casework', 99, repeat('0', 64), repeat('0', 64))`, [tenant.id]))
        .rejects.toThrow(/inserted unchained/);
    });

    it('after all that, nothing changed', async () => {
      expect(await chainer.chainTenant(tenant.id)).toBe(1);
      expect(await verifyAuditChain(t.platform.db, tenant.id)).toEqual({ ok: true, records: 2, unchained: 0 });
    });
  });

  describe('verification names the first broken record', () => {
    const k = 7;

    it('a changed field (including a microsecond of occurred_at) breaks exactly that record; undoing it mends the chain', async () => {
      const { tenant, ids } = await chainedTenant('tamper-field', 20);
      const target = ids[k - 1];
      const [orig] = await su.query('SELECT action, changed_fields, actor_user_id FROM audit_records WHERE id = $1', [target]);
      const changes: [string, string, unknown[]][] = [
        [`action = 'case.read-nothing'`, 'action = $2', [orig.action]],
        [`occurred_at = occurred_at + interval '1 microsecond'`, `occurred_at = occurred_at - interval '1 microsecond'`, []],
        [`changed_fields = array_append(changed_fields, 'extra')`, 'changed_fields = $2', [orig.changed_fields]],
        [`actor_user_id = 'someone-else'`, 'actor_user_id = $2', [orig.actor_user_id]],
      ];
      for (const [change, undo, params] of changes) {
        await tamper(`UPDATE audit_records SET ${change} WHERE id = $1`, [target]);
        expect(await verifyAuditChain(t.admin, tenant.id)).toEqual({
          ok: false, records: 20, firstBroken: { id: target, seq: k }, reason: expect.stringMatching(/hash mismatch/),
        });
        await tamper(`UPDATE audit_records SET ${undo} WHERE id = $1`, [target, ...params]);
        expect(await verifyAuditChain(t.admin, tenant.id)).toEqual({ ok: true, records: 20, unchained: 0 });
      }
    });

    it('a change whose hash was recomputed as well is caught by the next record', async () => {
      const { tenant, ids } = await chainedTenant('tamper-rehash', 10);
      const target = ids[k - 1];
      await tamper(`UPDATE audit_records SET action = 'case.read-nothing' WHERE id = $1`, [target]);
      const [row] = await su.query(`SELECT ${HASHED_COLUMNS}, seq::text AS seq, prev_hash FROM audit_records WHERE id = $1`, [target]);
      await tamper('UPDATE audit_records SET hash = $2 WHERE id = $1', [target, chainHash(row.prev_hash, row.seq, row)]);
      expect(await verifyAuditChain(t.admin, tenant.id)).toEqual({
        ok: false, records: 10, firstBroken: { id: ids[k], seq: k + 1 },
        reason: `prev_hash does not match the hash of seq ${k} (a record removed, replaced or reordered)`,
      });
    });

    it('a deleted record shows as a gap before the next one', async () => {
      const { tenant, ids } = await chainedTenant('tamper-delete', 15);
      await tamper('DELETE FROM audit_records WHERE id = $1', [ids[k - 1]]);
      expect(await verifyAuditChain(t.admin, tenant.id)).toEqual({
        ok: false, records: 14, firstBroken: { id: ids[k], seq: k + 1 }, reason: `seq ${k} is missing before this record (records deleted)`,
      });
      await tamper('DELETE FROM audit_records WHERE id = ANY($1)', [[ids[0], ids[1]]]);
      expect(await verifyAuditChain(t.admin, tenant.id)).toEqual(expect.objectContaining({
        firstBroken: { id: ids[2], seq: 3 }, reason: 'seq 1 to 2 are missing before this record (records deleted)',
      }));
    });

    it('swapped positions break at the first record out of place', async () => {
      const { tenant, ids } = await chainedTenant('tamper-order', 12);
      const [a, b] = [ids[k - 1], ids[k]];
      // Three steps, as (tenant_id, seq) stays unique throughout.
      await tamper('UPDATE audit_records SET seq = 1000 WHERE id = $1', [a]);
      await tamper('UPDATE audit_records SET seq = $2 WHERE id = $1', [b, k]);
      await tamper('UPDATE audit_records SET seq = $2 WHERE id = $1', [a, k + 1]);
      expect(await verifyAuditChain(t.admin, tenant.id)).toEqual(expect.objectContaining({
        ok: false, firstBroken: { id: b, seq: k }, reason: expect.stringMatching(/prev_hash does not match the hash of seq 6/),
      }));
    });

    it("tenants' chains are independent: tampering in one leaves the other intact", async () => {
      const a = await chainedTenant('independent-a', 8);
      const b = await chainedTenant('independent-b', 8);
      await tamper(`UPDATE audit_records SET object_id = 'another-case' WHERE id = $1`, [a.ids[2]]);
      expect(await verifyAuditChain(t.admin, a.tenant.id)).toEqual(expect.objectContaining({ ok: false, firstBroken: { id: a.ids[2], seq: 3 } }));
      expect(await verifyAuditChain(t.admin, b.tenant.id)).toEqual({ ok: true, records: 8, unchained: 0 });
      // A's records are invisible in B's context, so B's verification never even reads them.
      expect(await asApp(b.tenant, 'SELECT count(*)::int AS n FROM audit_records')).toEqual([{ n: 8 }]);
    });
  });
});
