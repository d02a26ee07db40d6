import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

const EVENT_TYPE = `'^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$'`;

/**
 * Webhooks: an organisation's subscriptions to event types, and one delivery row per
 * (subscription, outbox event). The rows are the truth about what was sent: the sender only
 * wakes up to work through the pending ones, so a flushed queue loses no delivery.
 */
export class CoreWebhooks1764400014000 {
  name = 'CoreWebhooks1764400014000';

  async up(q: MigrationQueryRunner): Promise<void> {
    // The secret is stored encrypted (FieldCipher, bound to the tenant): the platform needs it in
    // clear to sign, so a hash would not do, and the database must never hold it readable.
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        organisation_id uuid NOT NULL,
        url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
        event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 50),
        secret_ciphertext text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by_subject text NOT NULL CHECK (length(created_by_subject) BETWEEN 1 AND 255),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id)
      )`);
    await q.query('CREATE INDEX webhook_subscriptions_organisation ON webhook_subscriptions (tenant_id, organisation_id, created_at, id)');
    await enableTenantIsolation(q, 'webhook_subscriptions');

    // The aggregate and the time of the event are copied: what is sent never depends on how long
    // the outbox keeps its rows. A removed subscription takes its deliveries with it.
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        subscription_id uuid NOT NULL,
        event_id uuid NOT NULL REFERENCES outbox_events(id),
        event_type text NOT NULL CHECK (event_type ~ ${EVENT_TYPE}),
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz,
        last_status integer CHECK (last_status BETWEEN 100 AND 599),
        last_error text CHECK (length(last_error) <= 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        dead_at timestamptz,
        UNIQUE (tenant_id, id),
        UNIQUE (subscription_id, event_id),
        FOREIGN KEY (tenant_id, subscription_id) REFERENCES webhook_subscriptions (tenant_id, id) ON DELETE CASCADE,
        CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL)),
        CHECK ((state = 'delivered') = (delivered_at IS NOT NULL)),
        CHECK ((state = 'dead') = (dead_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (tenant_id, next_attempt_at) WHERE state = 'pending'`);
    await q.query('CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (tenant_id, subscription_id, created_at, id)');
    await enableTenantIsolation(q, 'webhook_deliveries');
  }
}
