import type { MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * Announces committed outbox rows on the channel `ketenhuis_outbox`, with the tenant's id, so the
 * relay drains that tenant at once instead of at its next poll (ADR 0014).
 *
 * Once per inserting statement, not per row: the statement's rows (the transition table) give
 * the tenants, one notification each. PostgreSQL delivers them at commit, none for a rollback, and
 * folds identical payloads of one transaction into one, so a unit of work that publishes a hundred
 * events wakes the relay once. The tenant id (rather than an empty payload) lets the relay drain
 * only the district that wrote, not every district. Like the identity trigger it runs with the
 * inserting role's rights (no SECURITY DEFINER; pg_notify is open to every role), and its
 * search_path is fixed so the inserting session's path cannot change what it calls.
 */
export class CoreOutboxNotify1764400017000 {
  name = 'CoreOutboxNotify1764400017000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ketenhuis_outbox_written() RETURNS trigger LANGUAGE plpgsql
      SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        PERFORM pg_notify('ketenhuis_outbox', t.tenant_id::text) FROM (SELECT DISTINCT tenant_id FROM written) t;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER outbox_events_written AFTER INSERT ON outbox_events
      REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION ketenhuis_outbox_written()`);
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TRIGGER outbox_events_written ON outbox_events');
    await q.query('DROP FUNCTION ketenhuis_outbox_written()');
  }
}
