import type { MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * Indexes for a case list that starts from what the caller may see (areas/cases/case-list.ts):
 * a parket's cases of one chain newest first, without walking every other chain's cases, and
 * what an actor acting for no organisation registered, a few rows among all of a district's.
 * Taking part in a case already has its index (case_participants_organisation).
 */
export class CoreCaseList1764400016000 {
  name = 'CoreCaseList1764400016000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query('CREATE INDEX cases_tenant_chain_registered ON cases (tenant_id, chain, registered_at, id)');
    await q.query(`CREATE INDEX cases_registered_without_organisation ON cases (tenant_id, registered_by_subject, registered_at, id)
      WHERE registered_by_organisation_id IS NULL`);
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP INDEX cases_registered_without_organisation');
    await q.query('DROP INDEX cases_tenant_chain_registered');
  }
}
