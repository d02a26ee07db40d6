import type { MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * A kept response can hold what its own table keeps only encrypted (a registered person's
 * national number), so it is kept encrypted too, with the tenant-bound field cipher. Keys
 * claimed before this release keep their status and headers (a 201's Location) and replay
 * without a body: their clear copies are dropped rather than left to age out.
 */
export class CoreIdempotencyEncrypted1764400015000 {
  name = 'CoreIdempotencyEncrypted1764400015000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query('ALTER TABLE idempotency_keys DROP COLUMN response_body');
    await q.query('ALTER TABLE idempotency_keys ADD COLUMN response_body_encrypted text');
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('ALTER TABLE idempotency_keys DROP COLUMN response_body_encrypted');
    await q.query('ALTER TABLE idempotency_keys ADD COLUMN response_body jsonb');
  }
}
