import { conflict, notFound, TOKENS, type TenantScope } from '@ketenhuis/sdk';
import { UUID } from '../../kernel/values/uuid';
import { encodeCursor } from '../../kernel/values/cursor';

export type DeliveryState = 'pending' | 'delivered' | 'dead';

export interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  dead_at: Date | null;
}

const COLUMNS = `d.id, d.event_id, d.event_type, d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_error,
  d.created_at, d.delivered_at, d.dead_at`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const deliveryView = (row: DeliveryRow) => ({
  id: row.id,
  eventId: row.event_id,
  eventType: row.event_type,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: iso(row.next_attempt_at),
  lastStatus: row.last_status,
  lastError: row.last_error,
  createdAt: row.created_at.toISOString(),
  deliveredAt: iso(row.delivered_at),
  deadAt: iso(row.dead_at),
});

/** A subscription's deliveries, newest first; `state: 'dead'` is its dead letter list. */
export async function listDeliveries(scope: TenantScope, subscriptionId: string, state: DeliveryState | undefined, page: { limit: number; after?: [string, string] }) {
  const rows = await scope.query<DeliveryRow & { at_key: string }>(
    `SELECT ${COLUMNS}, d.created_at::text AS at_key FROM webhook_deliveries d
     WHERE d.subscription_id = $1 AND ($2::text IS NULL OR d.state = $2)
       AND ($3::timestamptz IS NULL OR (d.created_at, d.id) < ($3::timestamptz, $4::uuid))
     ORDER BY d.created_at DESC, d.id DESC LIMIT $5`,
    [subscriptionId, state ?? null, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit + 1]);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items: items.map(deliveryView), ...(rows.length > page.limit ? { nextCursor: encodeCursor(last.at_key, last.id) } : {}) };
}

/**
 * Puts a dead delivery back in line with a fresh series of attempts, under the same delivery id
 * (a receiver that did process it after all still recognises it). Only dead ones: a pending one
 * is still being tried, a delivered one was answered with success.
 */
export async function retryDelivery(scope: TenantScope, subscriptionId: string, deliveryId: string) {
  const [row] = UUID.test(deliveryId)
    ? await scope.query<DeliveryRow>(`SELECT ${COLUMNS} FROM webhook_deliveries d WHERE d.id = $1 AND d.subscription_id = $2 FOR UPDATE`, [deliveryId, subscriptionId])
    : [];
  if (!row) throw notFound();
  if (row.state !== 'dead') throw conflict(`Only a dead delivery can be retried; this one is ${row.state}`);
  const now = scope.resolve(TOKENS.Clock).now();
  const [retried] = await scope.query<DeliveryRow>(
    `WITH d AS (UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $2, dead_at = NULL
       WHERE id = $1 RETURNING *)
     SELECT ${COLUMNS} FROM d`, [row.id, now]);
  return deliveryView(retried);
}
