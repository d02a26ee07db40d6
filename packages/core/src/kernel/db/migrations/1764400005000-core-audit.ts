import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * The audit trail (architecture §6): append-only, hash-chained per tenant.
 *
 * `id` is a bigint identity rather than a uuid: it gives the chainer a stable order to take
 * unchained records in (a record whose transaction commits late simply gets a later `seq`), and
 * GENERATED ALWAYS keeps the application from choosing it. The chain itself is ordered by `seq`.
 *
 * Identifiers of actors and objects are text without foreign keys: an audit record must outlive
 * (and never block the removal of) what it mentions.
 */
export class CoreAudit1764400005000 {
  name = 'CoreAudit1764400005000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_records (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        request_id text NOT NULL CHECK (request_id <> ''),
        actor_subject text NOT NULL CHECK (actor_subject <> ''),
        actor_user_id text,
        acting_organisation_id text,
        acting_function text,
        action text NOT NULL CHECK (action <> ''),
        object_type text,
        object_id text,
        result text NOT NULL CHECK (result IN ('allowed', 'denied', 'not-found', 'invalid', 'error')),
        purpose text NOT NULL CHECK (purpose IN ('casework', 'case-consultation', 'statistics', 'administration')),
        changed_fields text[],
        seq bigint,
        prev_hash text,
        hash text,
        CONSTRAINT audit_records_chain_fields CHECK (
          (seq IS NULL AND prev_hash IS NULL AND hash IS NULL)
          OR (seq >= 1 AND prev_hash ~ '^[0-9a-f]{64}$' AND hash ~ '^[0-9a-f]{64}$')),
        CONSTRAINT audit_records_tenant_seq UNIQUE (tenant_id, seq)
      )`);
    // What the chainer scans for; small, as records leave it within seconds.
    await q.query('CREATE INDEX audit_records_unchained ON audit_records (tenant_id, id) WHERE hash IS NULL');
    // "Who touched this case, and when": the question an audit trail is read for.
    await q.query('CREATE INDEX audit_records_object ON audit_records (tenant_id, object_type, object_id, occurred_at)');
    await enableTenantIsolation(q, 'audit_records');

    // The grants already keep the application role to INSERT, SELECT and UPDATE of the chain
    // columns; the trigger holds for every role, so changing history takes a deliberate act of
    // the owner (disabling it), which verification then detects.
    await q.query(`
      CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
            RAISE EXCEPTION 'audit_records is append-only: a record is inserted unchained; only the chainer sets seq, prev_hash and hash'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' THEN
          IF OLD.seq IS NOT NULL OR OLD.prev_hash IS NOT NULL OR OLD.hash IS NOT NULL THEN
            RAISE EXCEPTION 'audit_records is append-only: record % is already chained', OLD.id
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          IF (to_jsonb(NEW) - ARRAY['seq', 'prev_hash', 'hash']) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['seq', 'prev_hash', 'hash']) THEN
            RAISE EXCEPTION 'audit_records is append-only: only seq, prev_hash and hash may be set (record %)', OLD.id
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_records is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_records_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_records
      FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
      FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only()`);
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_records');
    await q.query('DROP FUNCTION audit_records_append_only()');
  }
}
