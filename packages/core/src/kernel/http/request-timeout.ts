import type { RequestHandler } from 'express';
import { ProblemError } from './problem';

/** Answers 503 when a handler takes too long, so clients and proxies are not left hanging. */
export function requestTimeout(ms: number): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (!res.headersSent) next(new ProblemError(503, `The request took longer than ${ms} ms`, undefined, 'timeout'));
    }, ms);
    timer.unref();
    res.on('close', () => clearTimeout(timer));
    next();
  };
}
