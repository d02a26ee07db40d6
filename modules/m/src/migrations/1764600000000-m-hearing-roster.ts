import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * The week's hearings of chain M (weekrol): the parket's hearings of snelrecht cases and the
 * court hearings they were summoned to, per ISO week (its Monday). Recomputed by the
 * `m.hearing-roster` job; a row points to its case within the tenant.
 */
export class MHearingRoster1764600000000 {
  name = 'MHearingRoster1764600000000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE m_hearing_roster (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        week date NOT NULL CHECK (extract(isodow FROM week) = 1),
        case_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('hoorzitting', 'oproeping')),
        hearing_at timestamptz NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, week, case_id, kind),
        FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
      )`);
    await q.query('CREATE INDEX m_hearing_roster_case ON m_hearing_roster (tenant_id, case_id)');
    await enableTenantIsolation(q, 'm_hearing_roster');
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TABLE m_hearing_roster');
  }
}
