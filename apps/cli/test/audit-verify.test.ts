import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { TenantRegistry, createDataSource, writeAuditRecord } from '@ketenhuis/core';
import { createTestDatabase, type TestDatabase } from '@ketenhuis/core/testing';

// `ketenhuis audit verify` through the compiled CLI, against records written as the platform writes them.
const cli = path.join(__dirname, '..', 'bin', 'ketenhuis.js');

describe('ketenhuis audit verify', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let app: DataSource;
  let su: DataSource;
  const ids: Record<string, string[]> = {};
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });

  async function tenantWithRecords(slug: string, n: number): Promise<void> {
    const tenant = await new TenantRegistry(su).create({ slug, name: `District ${slug}` }, []);
    ids[slug] = [];
    for (let i = 0; i < n; i++) {
      ids[slug].push(await app.transaction(async (m) => {
        await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
        return writeAuditRecord(m, tenant.id, {
          requestId: `req-${i}`, actorSubject: 'jan', actingFunction: 'casemanager', action: 'case.read',
          objectType: 'case', objectId: `case-${i}`, result: 'allowed', purpose: 'casework',
        });
      }));
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { PATH: process.env.PATH, DATABASE_URL: db.adminUrl, DATABASE_OWNER_ROLE: db.ownerRole, DATABASE_APP_ROLE: db.appRole };
    app = createDataSource({ url: db.appUrl, poolMax: 2 });
    // The test server's superuser: passes row-level security, and can switch the trigger off.
    su = createDataSource({ url: db.adminUrl, poolMax: 2 });
    await Promise.all([app.initialize(), su.initialize()]);
    await tenantWithRecords('gent', 5);
    await tenantWithRecords('brugge', 3);
  });
  afterAll(async () => {
    await app?.destroy();
    await su?.destroy();
    await db?.drop();
  });

  it('chains what is pending, then reports an intact chain with exit 0', () => {
    const r = run('audit', 'verify', '--tenant', 'gent');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('audit chain of gent intact: 5 records');
    expect(r.status).toBe(0);
  });

  it('names the tampered record and exits 3; other tenants stay intact', async () => {
    const target = ids.gent[2];
    await su.transaction(async (m) => {
      await m.query('SET LOCAL session_replication_role = replica');
      await m.query(`UPDATE audit_records SET actor_subject = 'piet' WHERE id = $1`, [target]);
    });
    const r = run('audit', 'verify', '--tenant', 'gent');
    expect(r.stdout.trim()).toBe(`audit chain of gent BROKEN at record ${target} (seq 3): hash mismatch: the record was changed after it was chained`);
    expect(r.status).toBe(3);

    const other = run('audit', 'verify', '--tenant', 'brugge');
    expect(other.stdout.trim()).toBe('audit chain of brugge intact: 3 records');
    expect(other.status).toBe(0);
  });

  it('refuses an unknown tenant and a missing --tenant; has --help', () => {
    const unknown = run('audit', 'verify', '--tenant', 'atlantis');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/--tenant: no tenant "atlantis"/);
    const missing = run('audit', 'verify');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing --tenant/);
    const help = run('audit', 'verify', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: ketenhuis audit verify --tenant <slug>/);
    expect(run('audit', 'shred').stderr).toMatch(/unknown audit command "shred"/);
  });
});
