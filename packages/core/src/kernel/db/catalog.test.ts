import { Client } from 'pg';
import { fixtureModule } from '@ketenhuis/testing';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../../testing';
import { findCatalogViolations, type CatalogCheckOptions } from './catalog-checks.test-support';

// Tenant isolation rests on the catalog: forced RLS on every tenant table and an application
// role that can neither bypass it nor change it. These tests read pg_catalog after the real
// migrations (core and a module) so a table added later cannot slip past unnoticed.

/** Tables without tenant_id that are the same for every tenant, by design. */
const PLATFORM_TABLES = ['tenants', 'auth_signing_keys', 'service_token_keys', 'ketenhuis_migrations'];

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

const options = (db: TestDatabase): CatalogCheckOptions => ({ appRole: db.appRole, ownerRole: db.ownerRole, platformTables: PLATFORM_TABLES });

describe('database catalog after migrating core and a module', () => {
  let db: TestDatabase;
  let admin: Client;
  let app: Client;

  /** The application role's grants on a table as written in its ACLs (PUBLIC's included). */
  async function grantsOf(table: string): Promise<{ table: string[]; columns: Record<string, string[]> }> {
    const acl = `SELECT privilege_type FROM aclexplode(%s) x WHERE x.grantee IN (0, (SELECT oid FROM pg_roles WHERE rolname = $2))`;
    const tableRows = await admin.query(`${acl.replace('%s', `(SELECT relacl FROM pg_class WHERE oid = $1::regclass)`)} ORDER BY 1`, [table, db.appRole]);
    const columnRows = await admin.query(`
      SELECT a.attname AS column, array_agg(x.privilege_type ORDER BY x.privilege_type) AS privileges
      FROM pg_attribute a, aclexplode(a.attacl) x
      WHERE a.attrelid = $1::regclass AND x.grantee IN (0, (SELECT oid FROM pg_roles WHERE rolname = $2))
      GROUP BY a.attname ORDER BY a.attname`, [table, db.appRole]);
    return {
      table: tableRows.rows.map((r) => r.privilege_type),
      columns: Object.fromEntries(columnRows.rows.map((r) => [r.column, r.privileges])),
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase(fixtureModule.migrations);
    admin = await connect(db.adminUrl);
    app = await connect(db.appUrl);
  });
  afterAll(async () => {
    await app?.end();
    await admin?.end();
    await db?.drop();
  });

  it('finds no violation, and did look at the module tables', async () => {
    const { rows } = await admin.query(`
      SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`);
    expect(rows.map((r) => r.relname)).toEqual(expect.arrayContaining(['fixture_effects', 'fixture_items', 'outbox_events', 'tenant_modules']));
    expect(await findCatalogViolations(admin, options(db))).toEqual([]);
  });

  it('the application role has no privilege at all on the migrations table', async () => {
    expect(await grantsOf('ketenhuis_migrations')).toEqual({ table: [], columns: {} });
    await expect(app.query('SELECT name FROM ketenhuis_migrations')).rejects.toThrow(/permission denied/);
    // Nor on the sequence behind its id column.
    const { rows: [{ seq }] } = await admin.query(`SELECT pg_get_serial_sequence('ketenhuis_migrations', 'id') AS seq`);
    expect(await grantsOf(seq)).toEqual({ table: [], columns: {} });
    await expect(app.query('SELECT nextval($1)', [seq])).rejects.toThrow(/permission denied/);
  });

  it('the application role may only read the tenant registry', async () => {
    expect(await grantsOf('tenants')).toEqual({ table: ['SELECT'], columns: {} });
    await expect(app.query(`INSERT INTO tenants (slug, name) VALUES ('smokkel', 'Smokkel')`)).rejects.toThrow(/permission denied/);
  });

  it('the application role reads public signing keys only, never the private ones', async () => {
    expect(await grantsOf('auth_signing_keys')).toEqual({
      table: [],
      columns: { alg: ['SELECT'], kid: ['SELECT'], public_jwk: ['SELECT'], retired_at: ['SELECT'] },
    });
    await expect(app.query('SELECT kid, alg, public_jwk, retired_at FROM auth_signing_keys')).resolves.toBeDefined();
    await expect(app.query('SELECT private_jwk FROM auth_signing_keys')).rejects.toThrow(/permission denied/);
    await expect(app.query('SELECT * FROM auth_signing_keys')).rejects.toThrow(/permission denied/);
  });

  it('the application role may read and add service-token keys (it signs them, ADR 0005), never change or drop one', async () => {
    expect(await grantsOf('service_token_keys')).toEqual({ table: ['INSERT', 'SELECT'], columns: {} });
    await expect(app.query('SELECT private_jwk FROM service_token_keys')).resolves.toBeDefined();
    await expect(app.query('UPDATE service_token_keys SET retired_at = now()')).rejects.toThrow(/permission denied/);
    await expect(app.query('DELETE FROM service_token_keys')).rejects.toThrow(/permission denied/);
  });
});

// The checks above only mean something if they can fail: here every kind of defect is planted
// in a fresh database, and exactly those defects must be reported.
describe('the catalog checks themselves', () => {
  let db: TestDatabase;
  let admin: Client;
  let powerRole: string;
  let superuser: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await connect(db.adminUrl);
    powerRole = `${db.name}_power`;
    superuser = (await admin.query('SELECT current_user AS name')).rows[0].name;
    const [app, owner] = [db.appRole, db.ownerRole];

    // Module-like DDL, run as the owner role as migrations are.
    await admin.query(`SET ROLE ${owner}`);
    await admin.query(`CREATE TABLE leaky_notes (id uuid PRIMARY KEY, tenant_id uuid REFERENCES tenants(id), body text)`);
    await admin.query(`CREATE TABLE half_guarded (id uuid PRIMARY KEY, tenant_id uuid NOT NULL)`);
    await admin.query(`CREATE INDEX half_guarded_tenant ON half_guarded (tenant_id)`);
    await admin.query(`ALTER TABLE half_guarded ENABLE ROW LEVEL SECURITY`);
    await admin.query(`CREATE POLICY open_door ON half_guarded USING (true)`);
    await admin.query(`CREATE TABLE shared_notes (id serial PRIMARY KEY, body text)`);
    await admin.query(`GRANT SELECT, INSERT ON shared_notes TO ${app}`);
    await admin.query(`CREATE VIEW leaky_view AS SELECT id, body FROM leaky_notes`);
    await admin.query(`CREATE VIEW careful_view WITH (security_invoker = true) AS SELECT id, body FROM leaky_notes`);
    await admin.query(`RESET ROLE`);

    // Role mistakes an operator could make.
    await admin.query(`GRANT CREATE ON SCHEMA public TO ${app}`);
    await admin.query(`ALTER ROLE ${app} CREATEDB`);
    await admin.query(`GRANT ${owner} TO ${app}`);
    await admin.query(`CREATE ROLE ${powerRole} NOLOGIN CREATEROLE`);
    await admin.query(`GRANT ${powerRole} TO ${app}`);
    await admin.query(`CREATE FUNCTION app_helper() RETURNS int LANGUAGE sql AS 'SELECT 1'`);
    await admin.query(`ALTER FUNCTION app_helper() OWNER TO ${app}`);
    // Created by the superuser, so it would read every tenant's rows for whoever calls it.
    await admin.query(`CREATE FUNCTION count_notes() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS 'SELECT count(*) FROM leaky_notes'`);
  });
  afterAll(async () => {
    await admin?.end();
    await db?.drop();
    const c = await connect(testServerUrl());
    try {
      await c.query(`DROP ROLE IF EXISTS ${powerRole}`);
    } finally {
      await c.end();
    }
  });

  it('reports exactly the planted defects', async () => {
    const app = db.appRole;
    expect(await findCatalogViolations(admin, options(db))).toEqual([
      `function public.count_notes(): SECURITY DEFINER owned by ${superuser}, which bypasses row-level security, and executable by ${app}`,
      `role ${app} has CREATEDB`,
      `role ${app}: can CREATE in schema public`,
      `role ${app}: is a member of the owner role ${db.ownerRole}`,
      `role ${app}: member of ${db.ownerRole}, which owns objects in this database`,
      `role ${app}: member of ${powerRole}, which has CREATEROLE`,
      `role ${app}: owns function public.app_helper()`,
      'table public.half_guarded: policy open_door USING does not compare tenant_id with app.tenant_id',
      'table public.half_guarded: policy open_door has no WITH CHECK clause',
      'table public.half_guarded: row-level security is not forced',
      'table public.leaky_notes: has no policy',
      'table public.leaky_notes: no index starts with tenant_id',
      'table public.leaky_notes: row-level security is not enabled',
      'table public.leaky_notes: row-level security is not forced',
      'table public.leaky_notes: tenant_id is nullable',
      'table public.shared_notes: has no tenant_id column, yet the application role can access it',
      'view public.leaky_view: is not security_invoker',
    ].sort());
  });
});
