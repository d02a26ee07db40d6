import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { TOKENS, type TenantScope } from '@ketenhuis/sdk';
import type { EntityManager } from 'typeorm';
import type { PlatformConfig } from '../../kernel/config/config';
import type { FieldCipher } from '../../kernel/crypto';
import { webhookBackoffMs } from './backoff';
import { AddressNotAllowedError, guardedLookup, type ResolveAll } from './egress-guard';
import { isLocalHostname } from './local-address';
import { webhookSignature } from './signature';
import { CORE_TOKENS } from '../../kernel/core-tokens';
import { inTenant } from '../../kernel/tenancy/in-tenant';
import { rows } from '../../kernel/db/rows';

/** How long a receiver may take to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/**
 * How long a claimed delivery is left alone. If the sender dies after a receiver accepted it but
 * before recording that, the delivery is sent again after this, under the same delivery id.
 */
export const WEBHOOK_CLAIM_MS = 3 * WEBHOOK_TIMEOUT_MS;
const BATCH = 20;
/** Batches per sweep: one job never runs for long, the next sweep takes over. */
const ROUNDS = 5;

export interface ClaimedDelivery {
  id: string;
  event_id: string;
  event_type: string;
  aggregate_type: string;
  aggregate_id: string;
  occurred_at: Date;
  /** This attempt's number; also what fences the outcome against a later claim of the same row. */
  attempts: number;
  url: string;
  secret_ciphertext: string;
}

export interface DeliveryOutcome {
  delivery: ClaimedDelivery;
  status?: number;
  error?: string;
}


/**
 * Takes due pending deliveries: counts the attempt and moves `next_attempt_at` past the claim
 * window, so no other sender takes them meanwhile (SKIP LOCKED keeps concurrent sweeps apart
 * while this commits). A delivery of a paused subscription waits.
 */
export async function claimDueDeliveries(m: EntityManager, now: Date, limit: number): Promise<ClaimedDelivery[]> {
  return rows<ClaimedDelivery>(m,
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.tenant_id = d.tenant_id AND s.id = d.subscription_id
       WHERE d.state = 'pending' AND d.next_attempt_at <= $1 AND s.active
       ORDER BY d.next_attempt_at, d.id LIMIT $3
       FOR UPDATE OF d SKIP LOCKED),
     claimed AS (
       UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2
       FROM due WHERE d.id = due.id
       RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.aggregate_type, d.aggregate_id, d.occurred_at, d.attempts)
     SELECT c.id, c.event_id, c.event_type, c.aggregate_type, c.aggregate_id, c.occurred_at, c.attempts, s.url, s.secret_ciphertext
     FROM claimed c JOIN webhook_subscriptions s ON s.id = c.subscription_id`,
    [now, new Date(now.getTime() + WEBHOOK_CLAIM_MS), limit]);
}

/** Ids and the event type only (ADR 0008): the receiver asks the API for what it may read. */
export function deliveryBody(d: ClaimedDelivery, tenantSlug: string): string {
  return JSON.stringify({
    id: d.id,
    eventId: d.event_id,
    type: d.event_type,
    occurredAt: d.occurred_at.toISOString(),
    tenant: tenantSlug,
    aggregate: { type: d.aggregate_type, id: d.aggregate_id },
  });
}

/** Where a delivery may go. */
export interface Egress {
  /** KETENHUIS_WEBHOOK_ALLOW_LOCAL: also to the platform's own machine and network. */
  allowLocal: boolean;
  /** How host names are resolved when local addresses are refused; the system's resolver by default. */
  resolve?: ResolveAll;
}

/**
 * Why an attempt failed, in a few words. Never what the receiver answered, and never the
 * system's error code: which addresses refuse, reset or fail TLS would map a network for the
 * subscriber who reads the delivery list.
 */
function describe(err: unknown): string {
  if (err instanceof AddressNotAllowedError) return err.message;
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  return 'connection failed';
}

/** The POST; resolves with the status as soon as the answer's head is in. */
function post(url: URL, body: string, headers: Record<string, string>, lookup: LookupFunction | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      // A connection of its own: every attempt resolves, and is checked, anew. Redirects are
      // never followed: one could send the signed delivery somewhere the subscriber never named.
      agent: false,
      ...(lookup ? { lookup } : {}),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    }, (res) => {
      // The answer's body is never read, let alone kept.
      res.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * One attempt: the signed POST, judged by its status only. Never throws. Unless local receivers
 * are allowed, a host that is, or resolves to, a local address is not contacted at all.
 */
export async function postDelivery(d: ClaimedDelivery, cipher: FieldCipher, tenant: { id: string; slug: string }, now: Date, egress: Egress): Promise<DeliveryOutcome> {
  const body = deliveryBody(d, tenant.slug);
  const timestamp = Math.floor(now.getTime() / 1000);
  let secret: string;
  try {
    secret = cipher.decrypt(d.secret_ciphertext, tenant.id);
  } catch {
    // A key taken out of service too early: nothing is sent unsigned; it dies after its attempts.
    return { delivery: d, error: 'the subscription secret cannot be decrypted' };
  }
  try {
    const url = new URL(d.url);
    // An IP address is connected to without a lookup, so it is judged here; so is `localhost`.
    // A subscription made while local receivers were allowed stays unsent once they are not.
    if (!egress.allowLocal && isLocalHostname(url.hostname)) throw new AddressNotAllowedError();
    const status = await post(url, body, {
      'content-type': 'application/json',
      'user-agent': 'Ketenhuis-Webhooks/1',
      'ketenhuis-delivery': d.id,
      'ketenhuis-event': d.event_type,
      'ketenhuis-timestamp': String(timestamp),
      'ketenhuis-signature': webhookSignature(secret, timestamp, body),
    }, egress.allowLocal ? undefined : guardedLookup(egress.resolve));
    if (status >= 200 && status < 300) return { delivery: d, status };
    return { delivery: d, status, error: status >= 300 && status < 400 ? `redirect (HTTP ${status}) not followed` : `HTTP ${status}` };
  } catch (err) {
    return { delivery: d, error: describe(err) };
  }
}

/**
 * Records what happened, if the delivery is still the one this sender claimed (same attempt
 * number): 2xx delivered; otherwise the next attempt after a backoff, or dead after the last.
 */
export async function recordOutcome(m: EntityManager, o: DeliveryOutcome, now: Date, config: Pick<PlatformConfig, 'webhookBackoffMs' | 'webhookMaxAttempts'>): Promise<void> {
  const d = o.delivery;
  if (!o.error) {
    await m.query(
      `UPDATE webhook_deliveries SET state = 'delivered', delivered_at = $3, next_attempt_at = NULL, last_status = $4, last_error = NULL
       WHERE id = $1 AND attempts = $2 AND state = 'pending'`, [d.id, d.attempts, now, o.status]);
  } else if (d.attempts >= config.webhookMaxAttempts) {
    await m.query(
      `UPDATE webhook_deliveries SET state = 'dead', dead_at = $3, next_attempt_at = NULL, last_status = $4, last_error = $5
       WHERE id = $1 AND attempts = $2 AND state = 'pending'`, [d.id, d.attempts, now, o.status ?? null, o.error]);
  } else {
    const next = new Date(now.getTime() + webhookBackoffMs(d.attempts, config.webhookBackoffMs));
    await m.query(
      `UPDATE webhook_deliveries SET next_attempt_at = $3, last_status = $4, last_error = $5
       WHERE id = $1 AND attempts = $2 AND state = 'pending'`, [d.id, d.attempts, next, o.status ?? null, o.error]);
  }
}

/**
 * One sweep of a tenant's due deliveries. The job's own unit of work stays idle: claims and
 * outcomes are short transactions of their own, so no row lock or transaction is held while a
 * receiver takes its time. Sending is at least once: a crash between a receiver's 2xx and the
 * record of it sends the delivery again, with the same id, which receivers deduplicate on.
 */
export async function sweepWebhookDeliveries(scope: TenantScope): Promise<number> {
  const db = scope.resolve(TOKENS.DataSource);
  const clock = scope.resolve(TOKENS.Clock);
  const config = scope.resolve(CORE_TOKENS.Config);
  const cipher = scope.resolve(CORE_TOKENS.FieldCipher);
  const egress: Egress = { allowLocal: config.webhookAllowLocal };
  let sent = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const claimed = await inTenant(db, scope.tenantId, (m) => claimDueDeliveries(m, clock.now(), BATCH));
    const tenant = { id: scope.tenantId, slug: scope.tenantSlug };
    const outcomes = await Promise.all(claimed.map((d) => postDelivery(d, cipher, tenant, clock.now(), egress)));
    if (outcomes.length) {
      await inTenant(db, scope.tenantId, async (m) => {
        for (const o of outcomes) await recordOutcome(m, o, clock.now(), config);
      });
    }
    sent += claimed.length;
    if (claimed.length < BATCH) break;
  }
  return sent;
}
