import type { Logger } from 'pino';
import type { EventHandlerDefinition, EventPayloadValue, TenantScope } from '@ketenhuis/sdk';
import type { UnitOfWork } from '../tenancy/unit-of-work';
import type { OutboxJobData } from './outbox-relay';

type EventRow = { id: string; type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, EventPayloadValue> };
type Handler = EventHandlerDefinition & { moduleId?: string };

/**
 * Delivers one published event to every handler registered for its type. Each handler runs in
 * its own tenant transaction that first records (event, handler); a redelivered event finds the
 * record and skips, so a handler's database effects happen exactly once. Core's handlers (no
 * module id) run for every tenant; a chain's only where the event's tenant enabled the chain.
 *
 * The first handler runs in the transaction that reads the event, and the module check is part
 * of the statement that records the delivery: an event with one handler (of one statement) costs
 * one transaction of five round trips (begin, read, record, the handler's, commit) instead of two
 * transactions of eight together.
 */
export class EventDispatcher {
  constructor(private readonly uow: UnitOfWork, private readonly logger: Logger,
    private readonly handlers: Handler[]) {}

  async dispatch(data: OutboxJobData, tenantSlug: string): Promise<void> {
    const opts = { tenantId: data.tenantId, tenantSlug, correlationId: data.correlationId };
    const first = await this.uow.run(opts, async (scope) => {
      const [row] = await scope.query<EventRow>(
        'SELECT id, type, aggregate_type, aggregate_id, payload FROM outbox_events WHERE id = $1', [data.eventId]);
      if (!row) return undefined;
      const handlers = this.handlersOf(row);
      if (handlers.length) await this.deliver(scope, row, handlers[0]);
      return { event: row, handlers };
    });
    if (!first) {
      this.logger.warn({ eventId: data.eventId }, 'published event not found in its tenant; skipped');
      return;
    }
    const { event, handlers } = first;
    for (const handler of handlers.slice(1)) await this.uow.run(opts, (scope) => this.deliver(scope, event, handler));
  }

  private handlersOf(event: EventRow): Handler[] {
    return this.handlers
      .filter((h) => (h.eventType === event.type || h.eventType === '*') && (!h.aggregateTypes || h.aggregateTypes.includes(event.aggregate_type)));
  }

  /** Records (event, handler) and runs the handler, unless it ran before or its module is off for this tenant. */
  private async deliver(scope: TenantScope, event: EventRow, handler: Handler): Promise<void> {
    // A module switched off for this tenant does not react to its events (nor record that it saw
    // them, so nothing is marked handled that was not). Row-level security keeps the check to
    // this tenant's modules.
    const claimed = await scope.query<{ event_id: string }>(
      `INSERT INTO outbox_deliveries (tenant_id, event_id, handler)
       SELECT $1, $2, $3 WHERE $4::text IS NULL OR EXISTS (SELECT 1 FROM tenant_modules WHERE module_id = $4)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [scope.tenantId, event.id, handler.id, handler.moduleId ?? null]);
    if (!claimed.length) return;
    await handler.handle({ id: event.id, type: event.type, aggregateType: event.aggregate_type, aggregateId: event.aggregate_id, payload: event.payload }, scope);
  }
}
