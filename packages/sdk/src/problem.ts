/**
 * RFC 9457 problem details. `type` is stable: clients branch on it, so never rename one.
 * Every error the API returns goes through this class; nothing else reaches the wire.
 */
export const PROBLEM_TYPES = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  408: 'request-timeout',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  428: 'precondition-required',
  429: 'rate-limited',
  431: 'headers-too-large',
  500: 'internal',
  503: 'unavailable',
} as const;

const TITLES: Record<number, string> = {
  400: 'The request is not valid',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Request cannot be processed',
  428: 'Precondition required',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal error',
  503: 'Service unavailable',
};

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  field?: string;
  errors?: FieldError[];
}

export function problemType(status: number): string {
  return `urn:ketenhuis:problem:${PROBLEM_TYPES[status as keyof typeof PROBLEM_TYPES] ?? (status >= 500 ? 'internal' : 'client-error')}`;
}

export class ProblemError extends Error {
  readonly headers: Record<string, string> = {};
  /** Extension members (RFC 9457 §3.2), e.g. a link to the existing resource of a 409. */
  readonly extensions: Record<string, unknown> = {};

  constructor(readonly status: number, readonly detail?: string, readonly errors?: FieldError[], readonly typeSuffix?: string) {
    super(detail ?? TITLES[status] ?? 'Error');
    this.name = 'ProblemError';
  }

  toBody(requestId?: string, instance?: string): ProblemBody {
    return {
      type: this.typeSuffix ? `urn:ketenhuis:problem:${this.typeSuffix}` : problemType(this.status),
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(requestId ? { requestId } : {}),
      ...(this.errors?.length ? { field: this.errors[0].field, errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}

export const badRequest = (field: string, message: string) => new ProblemError(400, `${field}: ${message}`, [{ field, message }]);
export const unauthenticated = (detail = 'A valid bearer token is required') => new ProblemError(401, detail);
export const forbidden = (detail = 'You lack the permission for this action') => new ProblemError(403, detail);
/** The same answer for "does not exist" and "exists but not yours": no hint of other tenants' data. */
export const notFound = () => new ProblemError(404, 'The resource does not exist');
export const conflict = (detail: string) => new ProblemError(409, detail);
export const preconditionFailed = (detail = 'The resource changed since you read it') => new ProblemError(412, detail);
/** RFC 6585: the update must be conditional (If-Match), so it cannot overwrite unseen changes. */
export const preconditionRequired = (detail = 'Send If-Match with the ETag of the version you change') => new ProblemError(428, detail);
export const unprocessable = (detail: string) => new ProblemError(422, detail);
export const unavailable = (detail = 'The service is temporarily unavailable') => new ProblemError(503, detail);
