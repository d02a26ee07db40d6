import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

// Kept in step with packages/core/src/referrals and the OpenAPI document.
const MODULE_ID = `'^[a-z][a-z0-9-]{0,19}$'`;
const KEBAB = `'^[a-z][a-z0-9-]{0,62}$'`;
const STATES = `('sent', 'received', 'accepted', 'refused', 'started', 'completed', 'failed')`;
const ACTIONS = `('send', 'receive', 'accept', 'refuse', 'start', 'complete', 'fail')`;

/**
 * Referrals (doorverwijzingen): a case sends a partner organisation a kind of referral a chain
 * declares; the partner answers step by step. `referrals` holds where each one stands, with the
 * moment it reached every state (lead-time reports measure from them); `referral_events` is its
 * history, with the free text of each step (the sender's note, a reason, the partner's feedback),
 * which the case timeline points to by id rather than holding.
 */
export class CoreReferrals1764400012000 {
  name = 'CoreReferrals1764400012000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        case_id uuid NOT NULL,
        chain text NOT NULL CHECK (chain ~ ${MODULE_ID}),
        type text NOT NULL CHECK (type ~ ${KEBAB}),
        sending_organisation_id uuid,
        sending_subject text NOT NULL CHECK (length(sending_subject) BETWEEN 1 AND 255),
        receiving_organisation_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ${STATES}),
        reason text CHECK (length(reason) BETWEEN 1 AND 2000),
        sent_at timestamptz NOT NULL,
        received_at timestamptz,
        accepted_at timestamptz,
        refused_at timestamptz,
        started_at timestamptz,
        completed_at timestamptz,
        failed_at timestamptz,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
        FOREIGN KEY (tenant_id, sending_organisation_id) REFERENCES organisations (tenant_id, id),
        FOREIGN KEY (tenant_id, receiving_organisation_id) REFERENCES organisations (tenant_id, id),
        -- Refusing and failing need a reason; nothing else carries one.
        CHECK ((reason IS NOT NULL) = (state IN ('refused', 'failed'))),
        -- A referral holds the moment it reached its state and every state before it.
        CHECK (CASE state
          WHEN 'sent' THEN true
          WHEN 'received' THEN received_at IS NOT NULL
          WHEN 'accepted' THEN received_at IS NOT NULL AND accepted_at IS NOT NULL
          WHEN 'refused' THEN received_at IS NOT NULL AND refused_at IS NOT NULL
          WHEN 'started' THEN accepted_at IS NOT NULL AND started_at IS NOT NULL
          WHEN 'completed' THEN started_at IS NOT NULL AND completed_at IS NOT NULL
          WHEN 'failed' THEN started_at IS NOT NULL AND failed_at IS NOT NULL
        END)
      )`);
    // The lists: an organisation's received and sent referrals, newest first; a case's referrals.
    await q.query('CREATE INDEX referrals_received ON referrals (tenant_id, receiving_organisation_id, sent_at DESC, id DESC)');
    await q.query('CREATE INDEX referrals_sent ON referrals (tenant_id, sending_organisation_id, sent_at DESC, id DESC)');
    await q.query('CREATE INDEX referrals_case ON referrals (tenant_id, case_id)');
    await enableTenantIsolation(q, 'referrals');

    // Only ever added to (see corePrivilegeExceptions): what a partner wrote back stays as written.
    await q.query(`
      CREATE TABLE referral_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        referral_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ${ACTIONS}),
        from_state text CHECK (from_state IN ${STATES}),
        to_state text NOT NULL CHECK (to_state IN ${STATES}),
        at timestamptz NOT NULL,
        -- \`at\` is the platform clock's (it matches the referral's state times); this orders the steps.
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_subject text NOT NULL CHECK (length(actor_subject) BETWEEN 1 AND 255),
        actor_organisation_id uuid,
        note text CHECK (length(note) BETWEEN 1 AND 4000),
        reason text CHECK (length(reason) BETWEEN 1 AND 2000),
        feedback text CHECK (length(feedback) BETWEEN 1 AND 4000),
        UNIQUE (tenant_id, id),
        CHECK ((from_state IS NULL) = (action = 'send')),
        CHECK (note IS NULL OR action = 'send'),
        CHECK ((reason IS NOT NULL) = (action IN ('refuse', 'fail'))),
        FOREIGN KEY (tenant_id, referral_id) REFERENCES referrals (tenant_id, id),
        FOREIGN KEY (tenant_id, actor_organisation_id) REFERENCES organisations (tenant_id, id)
      )`);
    await q.query('CREATE INDEX referral_events_referral ON referral_events (tenant_id, referral_id, recorded_at, id)');
    await enableTenantIsolation(q, 'referral_events');
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TABLE referral_events');
    await q.query('DROP TABLE referrals');
  }
}
