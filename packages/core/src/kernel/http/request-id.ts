import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { redactIdentifiers } from '../observability/logger';

const ACCEPTABLE = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Keeps a caller's X-Request-Id when it is a sane token (police systems correlate with it), else
 * makes one. It is logged and kept in audit records, so one shaped like a national number
 * (`85.10.17-123.45` is a sane token) is replaced too.
 */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming && ACCEPTABLE.test(incoming) && redactIdentifiers(incoming) === incoming ? incoming : randomUUID();
  (req as { id?: string }).id = id;
  res.setHeader('X-Request-Id', id);
  next();
};

export const requestIdOf = (req: unknown): string => (req as { id?: string }).id ?? 'unknown';
