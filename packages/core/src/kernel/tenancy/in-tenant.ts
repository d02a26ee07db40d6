import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { UUID } from '../values/uuid';

/**
 * Binds the transaction to a tenant, for this transaction only (architecture §3): row-level
 * security then confines every statement to the tenant. Never `SET` it on a pooled connection.
 */
export async function bindTenant(m: EntityManager, tenantId: string): Promise<void> {
  await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
}

/** The part of TypeORM's query runner that tracks an open transaction. */
type TransactionState = { isTransactionActive: boolean; transactionDepth: number };

/**
 * Opens a transaction already bound to the tenant in one round trip: `START TRANSACTION` and
 * `set_config` go to the server as one simple query, so every unit of work saves a round trip.
 * A simple query takes no parameters, so the id is interpolated, and only ever a UUID.
 * TypeORM is then told a transaction is open, so a nested `manager.transaction` or `save` takes
 * a savepoint instead of committing ours.
 */
async function beginInTenant(runner: QueryRunner, tenantId: string): Promise<void> {
  if (!UUID.test(tenantId)) throw new Error('A tenant id must be a UUID');
  await runner.query(`START TRANSACTION; SELECT set_config('app.tenant_id', '${tenantId.toLowerCase()}', true)`);
  const state = runner as unknown as TransactionState;
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}

/** A short transaction of its own, bound to the tenant as a unit of work is. */
export async function inTenant<T>(db: DataSource, tenantId: string, work: (m: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
  if (isolation) return db.transaction(isolation, async (m) => { await bindTenant(m, tenantId); return work(m); });
  const runner = db.createQueryRunner();
  try {
    await beginInTenant(runner, tenantId);
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (err) {
    if (runner.isTransactionActive && !runner.isReleased) await runner.rollbackTransaction().catch(() => undefined);
    throw err;
  } finally {
    if (!runner.isReleased) await runner.release();
  }
}
