import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { EntityManager } from 'typeorm';
import { ProblemError, badRequest, type ChainResponse } from '@ketenhuis/sdk';

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

export interface IdempotentRequest {
  key: string;
  actorSubject: string;
  method: string;
  path: string;
  hash: string;
}

/** Object keys sorted, so the same body sent with another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The request's Idempotency-Key, if it sent one (creating POSTs only). */
export function idempotencyOf(req: Request, actorSubject: string): IdempotentRequest | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined || req.method !== 'POST') return undefined;
  if (!KEY.test(key)) throw badRequest('header.idempotency-key', 'must be 1-200 characters: letters, digits, and . _ : -');
  const path = req.originalUrl.split('?')[0];
  const hash = createHash('sha256').update(`${req.method} ${path}\n${canonical(req.body)}`).digest('hex');
  return { key, actorSubject, method: req.method, path, hash };
}

/**
 * Claims the key in the request's transaction, or returns the response kept for it. A concurrent
 * request with the same key waits on the claim's row until the first commits (then it replays)
 * or rolls back (then it claims the key itself): the work is done once.
 */
export async function claimOrReplay(m: EntityManager, tenantId: string, r: IdempotentRequest, now: Date): Promise<ChainResponse | undefined> {
  // Dated by the platform clock, the one the retention purge measures age by.
  const claimed = await m.query(
    `INSERT INTO idempotency_keys (tenant_id, actor_subject, key, method, path, request_hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING key`,
    [tenantId, r.actorSubject, r.key, r.method, r.path, r.hash, now]);
  if (claimed.length) return undefined;
  const [kept] = await m.query(
    `SELECT request_hash, status, response_body, response_headers FROM idempotency_keys WHERE actor_subject = $1 AND key = $2`,
    [r.actorSubject, r.key]);
  if (!kept || kept.request_hash !== r.hash) {
    throw new ProblemError(422, 'This Idempotency-Key was used for another request; use a new key for a new request', [{ field: 'header.idempotency-key', message: 'used for another request' }]);
  }
  return { status: kept.status, body: kept.response_body ?? undefined, headers: { ...kept.response_headers, 'idempotent-replayed': 'true' } };
}

/** Keeps the response with the claim; it commits together with the work it describes. */
export async function remember(m: EntityManager, r: IdempotentRequest, response: ChainResponse): Promise<void> {
  await m.query(
    `UPDATE idempotency_keys SET status = $3, response_body = $4, response_headers = $5 WHERE actor_subject = $1 AND key = $2`,
    [r.actorSubject, r.key, response.status, response.body === undefined ? null : JSON.stringify(response.body), JSON.stringify(response.headers ?? {})]);
}
