import type { Request } from 'express';
import { ProblemError, type FieldError } from './problem';
import { UUID } from '../values/uuid';

/**
 * Checks every value a handler can read, after the OpenAPI validator, for what a schema cannot
 * say and PostgreSQL refuses (a 500 otherwise): NUL characters (text cannot hold them, 22021),
 * unpaired UTF-16 surrogates (not Unicode; stored as U+FFFD behind the sender's back) and numbers
 * that are not finite (a 10,000-digit integer is coerced to Infinity, then 22P02). UUIDs in the
 * path, query and body are lower-cased on the way, so `…/users/ABCD…` is the same resource, and
 * an id in a body compares equal to the one the platform wrote, everywhere.
 * Returns the path parameters as the handler should see them.
 */
export function checkRequestInput(req: Request, params: Record<string, string>): Record<string, string> {
  const errors: FieldError[] = [];
  check(params, 'path', errors);
  check(req.query, 'query', errors);
  check(req.body, 'body', errors);
  if (errors.length) throw new ProblemError(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  // express 5 derives req.query with a getter; the validator leaves an own, writable (but not
  // configurable) copy in its place, which is assigned to, or else made.
  const query = lowerCaseUuids(req.query);
  if (Object.getOwnPropertyDescriptor(req, 'query')?.writable) (req as { query: unknown }).query = query;
  else Object.defineProperty(req, 'query', { value: query, writable: true, configurable: true, enumerable: true });
  req.body = lowerCaseUuids(req.body);
  return lowerCaseUuids(params) as Record<string, string>;
}

// A NUL, or a surrogate half without its other half. The NUL is the point of the pattern.
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_TEXT_MESSAGE = 'contains a NUL character or broken Unicode (an unpaired surrogate)';
const MAX_DEPTH = 64;
const MAX_REPORTED = 10;

function check(value: unknown, field: string, errors: FieldError[], depth = 0): void {
  if (errors.length >= MAX_REPORTED) return;
  if (typeof value === 'string') {
    if (NOT_TEXT.test(value)) errors.push({ field, message: NOT_TEXT_MESSAGE });
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) errors.push({ field, message: 'is not a finite number' });
  } else if (value !== null && typeof value === 'object') {
    // The body parser sets no nesting limit; nothing anyone fills in is this deep.
    if (depth >= MAX_DEPTH) { errors.push({ field, message: 'is nested too deeply' }); return; }
    for (const [key, v] of Object.entries(value)) {
      const name = NOT_TEXT.test(key) ? key.replace(new RegExp(NOT_TEXT, 'g'), '?') : key;
      if (name !== key) errors.push({ field: `${field}.${name}`, message: `its name ${NOT_TEXT_MESSAGE}` });
      check(v, `${field}.${name}`, errors, depth + 1);
    }
  }
}

function lowerCaseUuids(value: unknown): unknown {
  if (typeof value === 'string') return UUID.test(value) ? value.toLowerCase() : value;
  if (Array.isArray(value)) return value.map(lowerCaseUuids);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, lowerCaseUuids(v)]));
  return value;
}
