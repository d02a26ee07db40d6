import type { Request, RequestHandler } from 'express';
import { ProblemError } from './problem';

/**
 * Fixed-window limit per key, per process: a coarse guard against a runaway partner system; a
 * gateway in front does the fine-grained work. Counts reset each minute, so memory is bounded by
 * the number of distinct keys seen in one minute.
 */
export function rateLimit(perMinute: number, keyOf: (req: Request) => string): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  let window = 0;
  let counts = new Map<string, number>();
  return (req, _res, next) => {
    const now = Math.floor(Date.now() / 60_000);
    if (now !== window) { window = now; counts = new Map(); }
    const key = keyOf(req);
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > perMinute) {
      const err = new ProblemError(429, `More than ${perMinute} requests in a minute; retry later`);
      err.headers['Retry-After'] = String(60 - (Math.floor(Date.now() / 1000) % 60));
      return next(err);
    }
    next();
  };
}

/** Before authentication: per address, generous, so a flood of bad tokens is cut off cheaply. */
export const byAddress = (req: Request) => `ip:${req.ip}`;
