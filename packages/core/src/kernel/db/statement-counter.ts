import type { DataSource } from 'typeorm';

/** The part of a pg pool and client this counter touches. */
interface PgClient { query: (...args: unknown[]) => unknown }
interface PgPool { on(event: 'acquire', listener: (client: PgClient) => void): unknown }

const COUNTED = Symbol('ketenhuis.countedClient');

/** Statements a data source has sent, BEGIN and COMMIT included: one per round trip. */
export interface StatementCount {
  readonly total: number;
}

/**
 * Counts every statement the data source's pool sends, by wrapping each client the first time it
 * is checked out. What is counted is round trips, the cost that dominates a request here, so a
 * test can hold each endpoint to a budget and the bench can report statements per request,
 * neither of them timing anything.
 */
export function countStatements(db: DataSource): StatementCount {
  const counter = { total: 0 };
  const pool = (db.driver as unknown as { master: PgPool }).master;
  pool.on('acquire', (client) => {
    const marked = client as PgClient & { [COUNTED]?: true };
    if (marked[COUNTED]) return;
    marked[COUNTED] = true;
    const send = client.query.bind(client);
    client.query = (...args: unknown[]) => {
      counter.total += 1;
      return send(...args);
    };
  });
  return counter;
}
