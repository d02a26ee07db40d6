import type { DataSource } from 'typeorm';
import { coreEntities } from './core-entities';
import { createDataSource, MIGRATIONS_TABLE } from './kernel/db/data-source';
import { TenantEntity } from './kernel/tenancy/entities';
import { createTestDatabase, type TestDatabase } from './testing';

// The entities must describe exactly what core's migrations create: TypeORM's schema builder,
// pointed at a freshly migrated database, has to find nothing to change.
describe('core entities', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let migratedTables: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.adminUrl, sessionRole: db.ownerRole, entities: coreEntities, poolMax: 1 });
    await dataSource.initialize();
    const rows: { tablename: string }[] = await dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1 ORDER BY tablename`, [MIGRATIONS_TABLE]);
    migratedTables = rows.map((r) => r.tablename);
    // TypeORM keeps the expression of a generated column in its metadata table (it cannot read it
    // back from the catalogue); the migrations made those columns themselves, so record what
    // Postgres holds for each, and the schema builder compares the entities against that.
    await dataSource.query(`
      CREATE TABLE ${dataSource.metadataTableName} (
        type varchar NOT NULL, database varchar, schema varchar, "table" varchar, name varchar, value text)`);
    await dataSource.query(`
      INSERT INTO ${dataSource.metadataTableName} (type, database, schema, "table", name, value)
      SELECT 'GENERATED_COLUMN', current_database(), n.nspname, c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid)
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND a.attgenerated = 's'`);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  it('match the migrated schema: the schema builder has nothing to change', async () => {
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    // Compared as text so that a failure prints the statements TypeORM would run.
    expect(upQueries.map((q) => `${q.query};`).join('\n')).toBe('');
  });

  it('cover every table of core\'s migrations with exactly one entity', () => {
    const entityTables = dataSource.entityMetadatas.map((m) => m.tableName).sort();
    expect(entityTables).toEqual(migratedTables);
  });

  it('round-trip a tenant through a repository', async () => {
    const tenants = dataSource.getRepository(TenantEntity);
    const saved = await tenants.save(tenants.create({ slug: 'entity-check', name: 'Entity check' }));
    const found = await tenants.findOneByOrFail({ id: saved.id });
    expect(found).toMatchObject({ slug: 'entity-check', name: 'Entity check', oidcIssuer: null, oidcAudience: null, oidcAlgorithms: ['RS256'] });
    expect(found.createdAt).toBeInstanceOf(Date);
  });
});
