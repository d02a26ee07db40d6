import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * Idempotency keys of creating POSTs (police systems retry): the first request's response is
 * kept so a retry with the same key and body gets it again instead of creating a duplicate.
 */
export class CoreIdempotency1764400009000 {
  name = 'CoreIdempotency1764400009000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        actor_subject text NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        status integer,
        response_body jsonb,
        response_headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, actor_subject, key)
      )`);
    await q.query('CREATE INDEX idempotency_keys_age ON idempotency_keys (tenant_id, created_at)');
    await enableTenantIsolation(q, 'idempotency_keys');
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys');
  }
}
