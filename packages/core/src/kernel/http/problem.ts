// Problem details are part of the module contract (modules throw them too), so they live in the SDK.
export { ProblemError, PROBLEM_TYPES, problemType, badRequest, unauthenticated, forbidden, notFound, conflict, preconditionFailed, preconditionRequired, unprocessable, unavailable, type FieldError, type ProblemBody } from '@ketenhuis/sdk';
