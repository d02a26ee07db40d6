import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

export class FixtureItems1764500000000 {
  name = 'FixtureItems1764500000000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fixture_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        title text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query('CREATE INDEX fixture_items_tenant ON fixture_items (tenant_id, created_at, id)');
    await enableTenantIsolation(q, 'fixture_items');
    // What jobs and event handlers did, so tests can count effects.
    await q.query(`
      CREATE TABLE fixture_effects (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        kind text NOT NULL,
        ref text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query('CREATE INDEX fixture_effects_tenant ON fixture_effects (tenant_id, kind, ref)');
    await enableTenantIsolation(q, 'fixture_effects');
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TABLE fixture_effects');
    await q.query('DROP TABLE fixture_items');
  }
}
