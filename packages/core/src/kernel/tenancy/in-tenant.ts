import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * Binds the transaction to a tenant, for this transaction only (architecture §3): row-level
 * security then confines every statement to the tenant. Never `SET` it on a pooled connection.
 */
export async function bindTenant(m: EntityManager, tenantId: string): Promise<void> {
  await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
}

/** A short transaction of its own, bound to the tenant as a unit of work is. */
export function inTenant<T>(db: DataSource, tenantId: string, work: (m: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
  const run = async (m: EntityManager) => { await bindTenant(m, tenantId); return work(m); };
  return isolation ? db.transaction(isolation, run) : db.transaction(run);
}
