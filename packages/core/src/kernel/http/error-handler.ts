import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ProblemError, notFound } from './problem';
import { isDataException, toProblem } from './to-problem';
import { requestIdOf } from './request-id';

export const PROBLEM_JSON = 'application/problem+json';

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound());

/** The one place errors become responses: problem+json, never a stack, 500s logged with the cause. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toProblem(err);
    const id = requestIdOf(req);
    if (problem.status >= 500 && !(err instanceof ProblemError)) logger.error({ err, requestId: id }, 'unhandled error');
    // Answered 400, but a value reached the database unchecked: worth a request check of its own.
    else if (isDataException(err)) logger.warn({ err, requestId: id }, 'database refused a request value');
    if (res.headersSent) return;
    res.status(problem.status).set(problem.headers).type(PROBLEM_JSON).send(JSON.stringify(problem.toBody(id, req.originalUrl.split('?')[0])));
  };
}
