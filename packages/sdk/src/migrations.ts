/** What a migration sees: TypeORM's QueryRunner satisfies it. */
export interface MigrationQueryRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** A TypeORM-style migration class: its name ends with a 13-digit timestamp (`CreateItems1733000000000`). */
export interface MigrationClass {
  new (): { name?: string; up(queryRunner: MigrationQueryRunner): Promise<void>; down?(queryRunner: MigrationQueryRunner): Promise<void> };
}

const tenantPredicate = `tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * The statements that put a tenant-owned table under row-level security (architecture §3):
 * enabled and forced (so even the owner obeys it), one policy with USING and WITH CHECK.
 * Every tenant-owned table, core or module, goes through this.
 */
export function tenantIsolationSql(table: string): string[] {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`tenantIsolationSql: bad table name "${table}"`);
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${table} USING (${tenantPredicate}) WITH CHECK (${tenantPredicate})`,
  ];
}

export async function enableTenantIsolation(queryRunner: MigrationQueryRunner, table: string): Promise<void> {
  for (const sql of tenantIsolationSql(table)) await queryRunner.query(sql);
}
