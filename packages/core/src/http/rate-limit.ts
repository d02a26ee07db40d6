import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ProblemError } from './problem';

/**
 * Fixed-window limit per client (bearer token, else address), per process. A coarse guard
 * against a runaway partner system; a gateway in front does the fine-grained work.
 */
export function rateLimit(perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  let window = 0;
  let counts = new Map<string, number>();
  return (req, res, next) => {
    const now = Math.floor(Date.now() / 60_000);
    if (now !== window) { window = now; counts = new Map(); }
    const auth = req.get('authorization');
    const key = auth ? createHash('sha256').update(auth).digest('base64url') : `ip:${req.ip}`;
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
