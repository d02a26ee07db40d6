import type { MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * A participation carries its case's registration time, indexed by organisation, so the case list
 * of a partner walks its own participations newest first (areas/cases/case-list.ts). Walking the
 * district's cases and asking each whether the partner takes part fails a partner that joins
 * cases late, such as a justitiehuis: the newest cases are not yet its own, and on a million cases
 * its first page read tens of thousands of them.
 *
 * The database fills the column from the case on every insert (a case's registration time never
 * changes), so no writer can set it wrong.
 */
export class CoreParticipationsNewestFirst1764400017500 {
  name = 'CoreParticipationsNewestFirst1764400017500';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_participants ADD COLUMN case_registered_at timestamptz');
    // Row-level security is forced on both tables, also for the migrating role: district by district.
    const tenants = (await q.query('SELECT id FROM tenants')) as Array<{ id: string }>;
    for (const { id } of tenants) {
      await q.query(`SELECT set_config('app.tenant_id', $1, false)`, [id]);
      await q.query(`UPDATE case_participants p SET case_registered_at = c.registered_at
        FROM cases c WHERE c.tenant_id = p.tenant_id AND c.id = p.case_id`);
    }
    await q.query(`SELECT set_config('app.tenant_id', '', false)`);
    await q.query('ALTER TABLE case_participants ALTER COLUMN case_registered_at SET NOT NULL');
    await q.query(`
      CREATE FUNCTION case_participants_case_registered_at() RETURNS trigger LANGUAGE plpgsql
      SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        SELECT c.registered_at INTO NEW.case_registered_at FROM public.cases c WHERE c.tenant_id = NEW.tenant_id AND c.id = NEW.case_id;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER case_participants_case_registered_at BEFORE INSERT OR UPDATE ON case_participants
      FOR EACH ROW EXECUTE FUNCTION case_participants_case_registered_at()`);
    await q.query(`CREATE INDEX case_participants_organisation_newest
      ON case_participants (tenant_id, organisation_id, case_registered_at, case_id)`);
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP INDEX case_participants_organisation_newest');
    await q.query('DROP TRIGGER case_participants_case_registered_at ON case_participants');
    await q.query('DROP FUNCTION case_participants_case_registered_at()');
    await q.query('ALTER TABLE case_participants DROP COLUMN case_registered_at');
  }
}
