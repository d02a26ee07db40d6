import type { MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * Indexes for reading the audit trail through the API (newest first, by id): the whole district's
 * trail and one actor's. Without the first, a small district's page would be found by walking the
 * primary key past every other district's records. The object index of the audit migration
 * already serves "who touched this person or case".
 */
export class CoreAuditQuery1764400008000 {
  name = 'CoreAuditQuery1764400008000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query('CREATE INDEX audit_records_tenant_id ON audit_records (tenant_id, id)');
    await q.query('CREATE INDEX audit_records_actor ON audit_records (tenant_id, actor_subject, id)');
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP INDEX audit_records_actor');
    await q.query('DROP INDEX audit_records_tenant_id');
  }
}
