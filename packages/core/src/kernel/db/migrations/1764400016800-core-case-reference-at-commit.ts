import type { MigrationQueryRunner } from '@ketenhuis/sdk';

const REFERENCE_COLUMNS = ['reference_year', 'reference_number', 'reference'];

/**
 * A case takes its reference number as the last step of its registration, so the chain's counter
 * row is locked for the final round trips only and concurrent registrations do not queue behind
 * each other's whole transaction (ADR 0013). Until that step the row has no reference; a deferred
 * check at commit keeps the rule that no committed case is without one.
 */
export class CoreCaseReferenceAtCommit1764400016800 {
  name = 'CoreCaseReferenceAtCommit1764400016800';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ${REFERENCE_COLUMNS.map((c) => `ALTER COLUMN ${c} DROP NOT NULL`).join(', ')}`);
    // The row as it is at commit, not as it was inserted: the reference is written after the insert.
    await q.query(`
      CREATE FUNCTION cases_reference_taken() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = NEW.tenant_id AND c.id = NEW.id
                   AND (c.reference IS NULL OR c.reference_year IS NULL OR c.reference_number IS NULL)) THEN
          RAISE EXCEPTION 'a case cannot be committed without its reference'
            USING ERRCODE = 'not_null_violation', TABLE = 'cases', CONSTRAINT = 'cases_reference_taken';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER cases_reference_taken
      AFTER INSERT OR UPDATE OF ${REFERENCE_COLUMNS.join(', ')} ON cases
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cases_reference_taken()`);
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TRIGGER cases_reference_taken ON cases');
    await q.query('DROP FUNCTION cases_reference_taken()');
    await q.query(`ALTER TABLE cases ${REFERENCE_COLUMNS.map((c) => `ALTER COLUMN ${c} SET NOT NULL`).join(', ')}`);
  }
}
