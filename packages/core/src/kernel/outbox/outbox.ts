import type { EntityManager } from 'typeorm';
import type { OutboxEventInput } from '@ketenhuis/sdk';
import { rows } from '../db/rows';

const EVENT_TYPE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/**
 * Writes an event in the caller's tenant transaction: it commits or rolls back with the change
 * it describes, so no event is published for work that never happened, and none is lost.
 */
export async function recordOutboxEvent(manager: EntityManager, tenantId: string, event: OutboxEventInput, correlationId?: string): Promise<string> {
  if (!EVENT_TYPE.test(event.type)) throw new Error(`Outbox event type "${event.type}" must look like "<module>.<name>"`);
  const [row] = await rows<{ id: string }>(
    manager,
    `INSERT INTO outbox_events (tenant_id, type, aggregate_type, aggregate_id, payload, correlation_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [tenantId, event.type, event.aggregateType, event.aggregateId, JSON.stringify(event.payload ?? {}), correlationId ?? null],
  );
  return row.id;
}
