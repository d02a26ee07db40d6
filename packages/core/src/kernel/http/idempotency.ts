import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { EntityManager } from 'typeorm';
import { ProblemError, badRequest, type ChainResponse } from '@ketenhuis/sdk';
import type { FieldCipher } from '../crypto';
import { rows } from '../db/rows';

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

interface KeptResponseRow {
  request_hash: string;
  /** Null only while the claim is open: a key commits together with its response (remember). */
  status: number | null;
  response_body_encrypted: string | null;
  response_headers: Record<string, string>;
}

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

/**
 * The request's Idempotency-Key, if it sent one (POSTs only). The one rule for secrets: a route
 * that shows a secret once (`showsSecret`) refuses the header, as a replay would need a copy of
 * the secret that the platform otherwise keeps only hashed, or nowhere. Every other kept
 * response is encrypted (see remember).
 */
export function idempotencyOf(req: Request, actorSubject: string, route: { showsSecret?: boolean }): IdempotentRequest | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined || req.method !== 'POST') return undefined;
  if (route.showsSecret) throw badRequest('header.idempotency-key', 'is not accepted here: the response shows a secret once, and no copy of it is kept to replay');
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
export async function claimOrReplay(m: EntityManager, tenantId: string, r: IdempotentRequest, now: Date, cipher: FieldCipher): Promise<ChainResponse | undefined> {
  // Dated by the platform clock, the one the retention purge measures age by.
  const claimed = await rows<{ key: string }>(m,
    `INSERT INTO idempotency_keys (tenant_id, actor_subject, key, method, path, request_hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING key`,
    [tenantId, r.actorSubject, r.key, r.method, r.path, r.hash, now]);
  if (claimed.length) return undefined;
  const [kept] = await rows<KeptResponseRow>(m,
    `SELECT request_hash, status, response_body_encrypted, response_headers FROM idempotency_keys WHERE actor_subject = $1 AND key = $2`,
    [r.actorSubject, r.key]);
  if (!kept || kept.request_hash !== r.hash) {
    throw new ProblemError(422, 'This Idempotency-Key was used for another request; use a new key for a new request', [{ field: 'header.idempotency-key', message: 'used for another request' }]);
  }
  const body = kept.response_body_encrypted === null ? undefined : JSON.parse(cipher.decrypt(kept.response_body_encrypted, tenantId));
  return { status: kept.status!, body, headers: { ...kept.response_headers, 'idempotent-replayed': 'true' } };
}

/**
 * Keeps the response with the claim; it commits together with the work it describes. The body
 * is encrypted, bound to the tenant: it may hold what its own table keeps only encrypted.
 */
export async function remember(m: EntityManager, tenantId: string, r: IdempotentRequest, response: ChainResponse, cipher: FieldCipher): Promise<void> {
  const body = response.body === undefined ? null : cipher.encrypt(JSON.stringify(response.body), tenantId);
  await m.query(
    `UPDATE idempotency_keys SET status = $3, response_body_encrypted = $4, response_headers = $5 WHERE actor_subject = $1 AND key = $2`,
    [r.actorSubject, r.key, response.status, body, JSON.stringify(response.headers ?? {})]);
}
