import { ProblemError, type FieldError } from './problem';

interface ValidatorError {
  status?: number;
  errors?: Array<{ path?: string; message?: string; errorCode?: string }>;
  message?: string;
}

/** `/body/title` or `.body.title` (validator paths) → `body.title`. */
function fieldName(path: string | undefined): string {
  return (path ?? '').replace(/^[./]+/, '').replace(/\//g, '.') || 'request';
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
    if (e.status === 404 || e.status === 405) return new ProblemError(e.status === 405 ? 405 : 404, e.status === 405 ? 'Method not allowed' : 'The resource does not exist');
    if (e.status === 415) return new ProblemError(415, 'Send application/json');
    if (e.status === 413) return new ProblemError(413, 'The request body is larger than allowed');
    return new ProblemError(e.status, e.message);
  }
  return new ProblemError(500, 'An unexpected error occurred; quote the request id when you report it');
}
