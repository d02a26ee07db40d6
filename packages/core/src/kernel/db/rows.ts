import type { EntityManager } from 'typeorm';

/** An EntityManager or a DataSource: both run raw SQL the same way. */
export type SqlRunner = Pick<EntityManager, 'query'>;

/**
 * Runs raw SQL through TypeORM and answers its rows typed as `T`, the row as the SQL returns it
 * (see TenantScope.query for pg's JS types). TypeORM types a raw result as `any`, which would
 * let a misspelt column or a wrong type pass the compiler; and its own type argument stands for
 * the whole result, so `m.query<Row>()` reads as one row where the driver answers an array.
 *
 * Like TenantScope.query, a bare UPDATE or DELETE answers `[rows, rowCount]`: read the rows of
 * one through a CTE, or type the pair where the count is what matters.
 */
export function rows<T>(runner: SqlRunner, sql: string, params?: unknown[]): Promise<T[]> {
  return runner.query<T[]>(sql, params);
}

/** The row of an existence check (`SELECT 1 FROM ...`): pg names an unnamed column `?column?`. */
export type ExistsRow = { '?column?': number };
