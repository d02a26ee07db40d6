import { badRequest, type ChainRequest } from '@ketenhuis/sdk';
import { decodeCursor } from '../partners/cursor';

/** A timestamp as Postgres writes `timestamptz::text` (ISO DateStyle): exact to the microsecond. */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

/** limit and cursor of a list ordered by (timestamp, id); a cursor we did not give out is a 400. */
export function timePage(req: ChainRequest): { limit: number; after?: [string, string] } {
  const limit = Number(req.query.limit ?? 20);
  if (req.query.cursor === undefined) return { limit };
  const after = typeof req.query.cursor === 'string' ? decodeCursor(req.query.cursor) : undefined;
  if (!after || !PG_TIMESTAMP.test(after[0])) throw badRequest('query.cursor', 'is not a cursor this API gave out');
  return { limit, after };
}
