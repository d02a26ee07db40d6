import { badRequest } from '@ketenhuis/sdk';
import { UUID } from './uuid';

/** An opaque cursor over an ordered pair (sort key, id): the last row of the previous page. */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/** The pair a cursor holds, or undefined when it is not one this API gave out. */
export function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && UUID.test(value[1])) {
      return [value[0], value[1].toLowerCase()];
    }
  } catch {
    // not ours: answered as a bad cursor by the caller
  }
  return undefined;
}

/** The `cursor` query parameter: nothing when absent, a 400 when it is not one this API gave out. */
export function cursorParameter(cursor: unknown): [string, string] | undefined {
  if (cursor === undefined) return undefined;
  const pair = typeof cursor === 'string' ? decodeCursor(cursor) : undefined;
  if (!pair) throw badRequest('query.cursor', 'is not a cursor this API gave out');
  return pair;
}
