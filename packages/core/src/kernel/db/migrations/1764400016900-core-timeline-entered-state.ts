import type { MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * The state a timeline entry brought its case into (`registered` in it, or `transitioned` to it)
 * as a column of its own, indexed by district, state and time. Lead-time reports start from the
 * entries in their window; an index on the JSON expression would not serve them, because a
 * condition over `data->>` is not leakproof and row-level security keeps it out of index scans.
 */
export class CoreTimelineEnteredState1764400016900 {
  name = 'CoreTimelineEnteredState1764400016900';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_timeline ADD COLUMN entered_state text GENERATED ALWAYS AS (
      CASE kind WHEN 'transitioned' THEN data->>'to' WHEN 'registered' THEN data->>'state' END) STORED`);
    await q.query(`CREATE INDEX case_timeline_entered ON case_timeline (tenant_id, entered_state, at) INCLUDE (case_id)
      WHERE entered_state IS NOT NULL`);
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP INDEX case_timeline_entered');
    await q.query('ALTER TABLE case_timeline DROP COLUMN entered_state');
  }
}
