import { badRequest, conflict } from '../http/problem';
import { FUNCTIONS, isFunction } from './functions';

/** The same rule as the OpenAPI pattern, for callers that do not pass the validator (the CLI). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireEmail(field: string, value: string): string {
  if (value.length > 254 || !EMAIL.test(value)) throw badRequest(field, 'is not an e-mail address');
  return value;
}

export function requireFunction(field: string, value: string): string {
  if (!isFunction(value)) throw badRequest(field, `unknown function "${value}"; one of ${FUNCTIONS.map((f) => f.id).join(', ')}`);
  return value;
}

/** Opaque cursors over a (sort key, id) pair. */
export const encodeCursor = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');
export function decodeCursor(cursor: unknown): [string, string] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(String(cursor), 'base64url').toString()) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && UUID.test(v[1])) return [v[0], v[1]];
  } catch { /* falls through to the refusal */ }
  throw badRequest('query.cursor', 'is not a cursor this API gave out');
}

/** Unique violations become 409 with a message about the field; everything else is rethrown. */
export function rethrowUnique(err: unknown, messages: Record<string, string>): never {
  const driver = (err as { driverError?: { code?: string; constraint?: string } }).driverError;
  if (driver?.code === '23505' && driver.constraint && messages[driver.constraint]) throw conflict(messages[driver.constraint]);
  throw err;
}
