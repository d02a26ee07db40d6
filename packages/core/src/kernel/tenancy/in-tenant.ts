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
  inTransaction(runner, true);
}

/** Tells TypeORM whether a transaction it did not open or close itself is open. */
function inTransaction(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as TransactionState;
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}

/** Statements a unit of work leaves for its commit, by the transaction's manager. */
const leftForCommit = new WeakMap<EntityManager, string[]>();

/**
 * Leaves a statement to be sent with the transaction's `COMMIT`, in the same round trip: what
 * every request writes last (its audit record) costs no round trip of its own. Sent as a simple
 * query, so the statement carries its values as escaped literals (as auditRecordSql writes them). It
 * commits exactly when the transaction does; if it fails, the transaction rolls back.
 */
export function atCommit(m: EntityManager, sql: string): void {
  leftForCommit.set(m, [...(leftForCommit.get(m) ?? []), sql]);
}

const leftSql = (m: EntityManager) => leftForCommit.get(m)?.join('; ');

/** Commits, with the statements left for the commit in front of `COMMIT` in one simple query. */
async function commitInTenant(runner: QueryRunner): Promise<void> {
  const left = leftSql(runner.manager);
  if (!left) return runner.commitTransaction();
  await runner.query(`${left}; COMMIT`);
  inTransaction(runner, false);
}

/** A short transaction of its own, bound to the tenant as a unit of work is. */
export async function inTenant<T>(db: DataSource, tenantId: string, work: (m: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
  if (isolation) {
    return db.transaction(isolation, async (m) => {
      await bindTenant(m, tenantId);
      const result = await work(m);
      const left = leftSql(m);
      if (left) await m.query(left);
      return result;
    });
  }
  const runner = db.createQueryRunner();
  try {
    await beginInTenant(runner, tenantId);
    const result = await work(runner.manager);
    await commitInTenant(runner);
    return result;
  } catch (err) {
    if (runner.isTransactionActive && !runner.isReleased) await runner.rollbackTransaction().catch(() => undefined);
    throw err;
  } finally {
    if (!runner.isReleased) await runner.release();
  }
}
