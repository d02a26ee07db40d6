import type { MigrationQueryRunner } from '@ketenhuis/sdk';

/** The tables an actor is resolved from: who the user is, where it is a member, what its function may. */
const IDENTITY_TABLES = ['users', 'memberships', 'function_grants', 'service_accounts'];

/**
 * Announces each change to the rows an actor is resolved from on the channel
 * `ketenhuis_identity`, with the tenant's id, at commit. The API keeps resolved actors in memory
 * and drops a district's on that word, so a disabled user, a revoked service account or a changed
 * grant takes effect on the next request without every request reading four tables.
 */
export class CoreIdentityChanges1764400016500 {
  name = 'CoreIdentityChanges1764400016500';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ketenhuis_identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('ketenhuis_identity', COALESCE(NEW.tenant_id, OLD.tenant_id)::text);
        RETURN NULL;
      END $$`);
    for (const table of IDENTITY_TABLES) {
      await q.query(`CREATE TRIGGER ${table}_identity_changed AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ketenhuis_identity_changed()`);
    }
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    for (const table of IDENTITY_TABLES) await q.query(`DROP TRIGGER ${table}_identity_changed ON ${table}`);
    await q.query('DROP FUNCTION ketenhuis_identity_changed()');
  }
}
