import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

/** The transactional outbox (architecture §5) and the record of which handler saw which event. */
export class CoreOutbox1764400001000 {
  name = 'CoreOutbox1764400001000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        type text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        correlation_id text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_events_unpublished ON outbox_events (tenant_id, created_at) WHERE published_at IS NULL`);
    await enableTenantIsolation(q, 'outbox_events');
    // One row per (event, handler): the primary key makes a redelivered event a no-op.
    await q.query(`
      CREATE TABLE outbox_deliveries (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        event_id uuid NOT NULL REFERENCES outbox_events(id),
        handler text NOT NULL,
        delivered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, event_id, handler)
      )`);
    await enableTenantIsolation(q, 'outbox_deliveries');
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_deliveries');
    await q.query('DROP TABLE outbox_events');
  }
}
