import { ProblemError, type FieldError } from './problem';
import { pgError } from '../values/database-errors';

interface ValidatorError {
  status?: number;
  headers?: Record<string, string>;
  errors?: Array<{ path?: string; message?: string; errorCode?: string }>;
  message?: string;
}

/** The validator's request locations under their OpenAPI names (`in: path`, `in: header`). */
const LOCATIONS: Record<string, string> = { body: 'body', query: 'query', params: 'path', path: 'path', headers: 'header', header: 'header', cookies: 'cookie' };

/**
 * `/body/title`, `.body.title` or `.params.id` (validator paths) → `body.title`, `path.id`.
 * Anything else (the validator reports an undecodable URL by its raw path) is the request itself.
 */
function fieldName(path: string | undefined): string {
  const [location, ...rest] = (path ?? '').replace(/^[./]+/, '').split(/[./]/);
  const named = LOCATIONS[location];
  return named ? [named, ...rest].join('.') : 'request';
}

/**
 * Maps whatever was thrown to a ProblemError. Known client errors keep their status; anything
 * else becomes a 500 that says nothing about the cause (the log has it, under the request id).
 */
export function toProblem(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  const e = err as ValidatorError & { type?: string; expose?: boolean; code?: string; name?: string };

  // body-parser errors carry a `type`.
  if (e?.type === 'entity.too.large') return new ProblemError(413, 'The request body is larger than allowed');
  if (e?.type === 'entity.parse.failed') return new ProblemError(400, 'body: the body is not valid JSON', [{ field: 'body', message: 'not valid JSON' }]);
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') return new ProblemError(415, 'Unsupported body encoding');

  // express-openapi-validator errors: HttpError subclasses with `status` and `errors`.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && Array.isArray(e.errors)) {
    const errors: FieldError[] = e.errors.map((x) => ({ field: fieldName(x.path), message: x.message ?? 'invalid' }));
    if (e.status === 400) return new ProblemError(400, errors.map((x) => `${x.field}: ${x.message}`).join('; '), errors);
    if (e.status === 404) return new ProblemError(404, 'The resource does not exist');
    if (e.status === 405) {
      const err = new ProblemError(405, 'Method not allowed');
      // RFC 9110 §15.5.6: a 405 lists the methods the resource does have.
      if (e.headers?.Allow) err.headers.Allow = e.headers.Allow.toUpperCase();
      return err;
    }
    if (e.status === 415) return new ProblemError(415, 'Send application/json');
    if (e.status === 413) return new ProblemError(413, 'The request body is larger than allowed');
    return new ProblemError(e.status, e.message);
  }
  // Other client errors of the body parser (a corrupt compressed body, a wrong Content-Length):
  // keep their status, drop their message, which describes internals (zlib, streams).
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) return new ProblemError(e.status);
  // PostgreSQL's data exceptions (class 22: a value out of range, too long, not valid for its
  // type) are a value the request carried that no check caught before the database: the caller's
  // mistake, not the platform's. The request checks name the field; this is the net beneath them.
  if (isDataException(err)) return new ProblemError(400, 'request: a value is out of range or not valid here', [{ field: 'request', message: 'a value is out of range or not valid here' }]);
  return new ProblemError(500, 'An unexpected error occurred; quote the request id when you report it');
}

/** A PostgreSQL data exception (SQLSTATE class 22) raised by a query. */
export function isDataException(err: unknown): boolean {
  return (err as { name?: string })?.name === 'QueryFailedError' && /^22[0-9A-Z]{3}$/.test(pgError(err).code ?? '');
}
