import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * Notifications for an organisation (optionally only its users of one function) or one user:
 * deadline warnings, escalations, referrals received. They carry codes and ids, never case content.
 */
export class CoreNotifications1764400013000 {
  name = 'CoreNotifications1764400013000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,62}$'),
        organisation_id uuid NOT NULL,
        function text CHECK (function ~ '^[a-z][a-z-]{0,63}$'),
        user_id uuid,
        case_id uuid,
        referral_id uuid,
        deadline_id uuid,
        title jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object' AND title ? 'nl'),
        -- The moment of writing, not of the transaction: several in one transaction keep their order.
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
      )`);
    await q.query('CREATE INDEX notifications_recipient ON notifications (tenant_id, organisation_id, created_at DESC, id)');
    await q.query('CREATE INDEX notifications_user ON notifications (tenant_id, user_id, created_at DESC, id) WHERE user_id IS NOT NULL');
    await enableTenantIsolation(q, 'notifications');

    // Read is per user: an organisation's notification is read by each of its users separately.
    await q.query(`
      CREATE TABLE notification_reads (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        notification_id uuid NOT NULL,
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, notification_id, subject),
        FOREIGN KEY (tenant_id, notification_id) REFERENCES notifications (tenant_id, id)
      )`);
    await enableTenantIsolation(q, 'notification_reads');
  }
}
