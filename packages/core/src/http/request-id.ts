import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

const ACCEPTABLE = /^[A-Za-z0-9._-]{8,128}$/;

/** Keeps a caller's X-Request-Id when it is a sane token (police systems correlate with it), else makes one. */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
  (req as { id?: string }).id = id;
  res.setHeader('X-Request-Id', id);
  next();
};

export const requestIdOf = (req: unknown): string => (req as { id?: string }).id ?? 'unknown';
