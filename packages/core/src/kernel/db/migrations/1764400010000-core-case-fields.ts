import type { MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * The fields a chain declares for its case types (PV date, arrest, offence codes...), kept with
 * the case. Core validates them against the declaration; clocks, guards and lead-time reports read
 * them, so they live in one place rather than in each module's tables.
 */
export class CoreCaseFields1764400010000 {
  name = 'CoreCaseFields1764400010000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN fields jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(fields) = 'object')`);
  }
}
