import { TOKENS, type PlatformFeature, type TenantScope } from '@ketenhuis/sdk';
import type { PlatformConfig } from '../config/config';
import { CORE_TOKENS } from '../core-tokens';
import { bindTenant } from '../tenancy/in-tenant';

export const IDEMPOTENCY_QUEUE = 'core.idempotency';
const PURGE = 'core.idempotency.purge';

/**
 * Rows one statement deletes. Each batch is a short transaction of its own, so a backlog (a
 * district whose purge was off for weeks) is worked off without a long lock or a long transaction.
 */
export const IDEMPOTENCY_PURGE_BATCH = 1_000;

/**
 * Deletes the district's Idempotency-Keys older than `idempotencyRetentionHours` by the platform
 * clock, batch by batch until a batch finds fewer than a full one; returns how many went. A retry
 * with a purged key is a new request. The job's own unit of work stays idle meanwhile.
 */
export async function purgeIdempotencyKeys(scope: TenantScope): Promise<number> {
  const db = scope.resolve(TOKENS.DataSource);
  const config = scope.resolve(CORE_TOKENS.Config);
  // Fixed once: keys claimed while the purge runs are younger, so the loop ends.
  const cutoff = new Date(scope.resolve(TOKENS.Clock).now().getTime() - config.idempotencyRetentionHours * 3_600_000);
  let purged = 0;
  for (;;) {
    const deleted = await db.transaction(async (m) => {
      await bindTenant(m, scope.tenantId);
      // SKIP LOCKED: a key a request holds right now is left for the next run rather than waited on.
      const [{ n }] = await m.query<{ n: number }[]>(
        `WITH gone AS (
           DELETE FROM idempotency_keys k USING (
             SELECT tenant_id, actor_subject, key FROM idempotency_keys
             WHERE tenant_id = $1 AND created_at < $2
             ORDER BY created_at LIMIT ${IDEMPOTENCY_PURGE_BATCH} FOR UPDATE SKIP LOCKED) old
           WHERE k.tenant_id = old.tenant_id AND k.actor_subject = old.actor_subject AND k.key = old.key
           RETURNING 1)
         SELECT count(*)::int AS n FROM gone`, [scope.tenantId, cutoff]);
      return n;
    });
    purged += deleted;
    if (deleted < IDEMPOTENCY_PURGE_BATCH) return purged;
  }
}

/** The idempotency feature: one purge per district every `idempotencyPurgeMs`. */
export const idempotencyFeature = (config: Pick<PlatformConfig, 'idempotencyPurgeMs'>): PlatformFeature => ({
  id: 'core.idempotency',
  queues: [{
    name: IDEMPOTENCY_QUEUE,
    // One purge at a time per worker: it is housekeeping, never urgent.
    concurrency: 1,
    async process(job, scope) {
      if (job.name !== PURGE) throw new Error(`Unknown job ${job.name} on ${IDEMPOTENCY_QUEUE}`);
      await purgeIdempotencyKeys(scope);
    },
  }],
  schedules: [{ id: PURGE, queue: IDEMPOTENCY_QUEUE, everyMs: config.idempotencyPurgeMs, perTenant: true }],
});
