import type { Logger } from 'pino';
import type { EventHandlerDefinition, EventPayloadValue } from '@ketenhuis/sdk';
import type { UnitOfWork } from '../tenancy/unit-of-work';
import type { OutboxJobData } from './outbox-relay';
import type { ExistsRow } from '../db/rows';

/**
 * Delivers one published event to every handler registered for its type. Each handler runs in
 * its own tenant transaction that first records (event, handler); a redelivered event finds the
 * record and skips, so a handler's database effects happen exactly once. Core's handlers (no
 * module id) run for every tenant; a chain's only where the event's tenant enabled the chain.
 */
export class EventDispatcher {
  constructor(private readonly uow: UnitOfWork, private readonly logger: Logger,
    private readonly handlers: Array<EventHandlerDefinition & { moduleId?: string }>) {}

  async dispatch(data: OutboxJobData, tenantSlug: string): Promise<void> {
    const opts = { tenantId: data.tenantId, tenantSlug, correlationId: data.correlationId };
    const event = await this.uow.run(opts, async (scope) => {
      const [row] = await scope.query<{ id: string; type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, EventPayloadValue> }>(
        'SELECT id, type, aggregate_type, aggregate_id, payload FROM outbox_events WHERE id = $1', [data.eventId]);
      return row;
    });
    if (!event) {
      this.logger.warn({ eventId: data.eventId }, 'published event not found in its tenant; skipped');
      return;
    }
    const handlers = this.handlers
      .filter((h) => (h.eventType === event.type || h.eventType === '*') && (!h.aggregateTypes || h.aggregateTypes.includes(event.aggregate_type)));
    for (const handler of handlers) {
      await this.uow.run(opts, async (scope) => {
        // A module switched off for this tenant does not react to its events (nor record that
        // it saw them, so nothing is marked handled that was not).
        if (handler.moduleId) {
          const [enabled] = await scope.query<ExistsRow>('SELECT 1 FROM tenant_modules WHERE module_id = $1', [handler.moduleId]);
          if (!enabled) return;
        }
        const claimed = await scope.query<{ event_id: string }>(
          `INSERT INTO outbox_deliveries (tenant_id, event_id, handler) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
          [data.tenantId, event.id, handler.id]);
        if (!claimed.length) return;
        await handler.handle({ id: event.id, type: event.type, aggregateType: event.aggregate_type, aggregateId: event.aggregate_id, payload: event.payload }, scope);
      });
    }
  }
}
