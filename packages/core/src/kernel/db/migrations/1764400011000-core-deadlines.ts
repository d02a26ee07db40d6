import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * Legal deadlines as rows: the single source of truth. Queues only wake the platform; a sweep
 * reads these rows and applies each warning and expiry once (the `warned_at` / `expired_at`
 * columns are the guard), so a lost job or a flushed Redis loses no deadline.
 */
export class CoreDeadlines1764400011000 {
  name = 'CoreDeadlines1764400011000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deadlines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        case_id uuid NOT NULL,
        -- A referral's deadline; referrals live in their own area, so no key here.
        referral_id uuid,
        -- clock:<chain>:<caseType>:<clockId> or referral:<type>:<state>
        source text NOT NULL CHECK (source ~ '^[a-z][a-z0-9-]*(:[a-zA-Z0-9-]+)+$' AND length(source) <= 255),
        -- The tenant setting consulted when it started (deadline_settings.source_key).
        setting_key text CHECK (length(setting_key) <= 255),
        title jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object'),
        -- What was applied: the tenant's setting or the module's default.
        duration text NOT NULL CHECK (duration ~ '^P[0-9YMWDTHS]+$'),
        warn_before text CHECK (warn_before ~ '^P[0-9YMWDTHS]+$'),
        started_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        warn_at timestamptz,
        on_expiry text NOT NULL CHECK (on_expiry IN ('notify', 'escalate')),
        warn_targets jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(warn_targets) = 'array'),
        expiry_targets jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(expiry_targets) = 'array'),
        notify_organisation_ids uuid[] NOT NULL DEFAULT '{}',
        state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'suspended', 'met', 'expired', 'cancelled')),
        suspended_at timestamptz,
        -- Time spent suspended so far, already added to due_at and warn_at.
        suspended_ms bigint NOT NULL DEFAULT 0 CHECK (suspended_ms >= 0),
        warned_at timestamptz,
        expired_at timestamptz,
        -- When it was met or cancelled; for an expired deadline, when it was met late.
        stopped_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
        CHECK ((state = 'suspended') = (suspended_at IS NOT NULL)),
        CHECK (state <> 'expired' OR expired_at IS NOT NULL),
        CHECK (state NOT IN ('met', 'cancelled') OR stopped_at IS NOT NULL)
      )`);
    await q.query('CREATE INDEX deadlines_case ON deadlines (tenant_id, case_id, started_at)');
    await q.query('CREATE INDEX deadlines_referral ON deadlines (tenant_id, referral_id) WHERE referral_id IS NOT NULL');
    // What the sweep looks for: running clocks by due date and by warning point.
    await q.query(`CREATE INDEX deadlines_running_due ON deadlines (tenant_id, due_at) WHERE state = 'running'`);
    await q.query(`CREATE INDEX deadlines_running_warn ON deadlines (tenant_id, warn_at) WHERE state = 'running' AND warned_at IS NULL`);
    await enableTenantIsolation(q, 'deadlines');

    // Suspensions, resumptions and extensions, with who and why: only ever added to.
    await q.query(`
      CREATE TABLE deadline_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        deadline_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('suspended', 'resumed', 'extended')),
        at timestamptz NOT NULL,
        reason text CHECK (length(reason) BETWEEN 1 AND 2000),
        actor_subject text NOT NULL CHECK (length(actor_subject) BETWEEN 1 AND 255),
        actor_organisation_id uuid,
        -- Codes and instants only (due dates before and after, time paused).
        data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, deadline_id) REFERENCES deadlines (tenant_id, id)
      )`);
    await q.query('CREATE INDEX deadline_events_deadline ON deadline_events (tenant_id, deadline_id, at, id)');
    await enableTenantIsolation(q, 'deadline_events');

    // A district's own durations; the module's are the law's defaults.
    await q.query(`
      CREATE TABLE deadline_settings (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        source_key text NOT NULL CHECK (length(source_key) BETWEEN 1 AND 255),
        duration text NOT NULL CHECK (duration ~ '^P[0-9YMWDTHS]+$'),
        warn_before text CHECK (warn_before ~ '^P[0-9YMWDTHS]+$'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by_subject text NOT NULL CHECK (length(updated_by_subject) BETWEEN 1 AND 255),
        PRIMARY KEY (tenant_id, source_key)
      )`);
    await enableTenantIsolation(q, 'deadline_settings');
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    for (const table of ['deadline_settings', 'deadline_events', 'deadlines']) await q.query(`DROP TABLE ${table}`);
  }
}
