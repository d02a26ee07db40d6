import { badRequest, type ChainRequest } from '@ketenhuis/sdk';
import { decodeCursor } from './cursor';

/** A timestamp as Postgres writes `timestamptz::text` (ISO DateStyle): exact to the microsecond. */
const PG_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::\d{2}){0,2}$/;

/** Checked field by field: a forged cursor must be a 400, never a cast error in the database. */
function isPgTimestamp(value: string): boolean {
  const m = PG_TIMESTAMP.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s, offset] = m.slice(1).map(Number);
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && s < 60 && offset <= 15;
}

/** limit and cursor of a list ordered by (timestamp, id); a cursor we did not give out is a 400. */
export function timePage(req: ChainRequest): { limit: number; after?: [string, string] } {
  const limit = Number(req.query.limit ?? 20);
  if (req.query.cursor === undefined) return { limit };
  const after = typeof req.query.cursor === 'string' ? decodeCursor(req.query.cursor) : undefined;
  if (!after || !isPgTimestamp(after[0])) throw badRequest('query.cursor', 'is not a cursor this API gave out');
  return { limit, after };
}
