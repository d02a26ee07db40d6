import type { Logger } from 'pino';
import type { ModuleRegistry } from '../modules/module-registry';
import type { UnitOfWork } from '../tenancy/unit-of-work';
import type { OutboxJobData } from './outbox-relay';
import type { CoreEventHandler } from '../worker/core-job-types';

/**
 * Delivers one published event to every handler registered for its type. Each handler runs in
 * its own tenant transaction that first records (event, handler); a redelivered event finds the
 * record and skips, so a handler's database effects happen exactly once. Only handlers of modules
 * the event's tenant enabled run.
 */
export class EventDispatcher {
  constructor(private readonly registry: ModuleRegistry, private readonly uow: UnitOfWork, private readonly logger: Logger,
    private readonly coreHandlers: CoreEventHandler[] = []) {}

  async dispatch(data: OutboxJobData, tenantSlug: string): Promise<void> {
    const opts = { tenantId: data.tenantId, tenantSlug, correlationId: data.correlationId };
    const event = await this.uow.run(opts, async (scope) => {
      const [row] = await scope.query<{ id: string; type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown> }>(
        'SELECT id, type, aggregate_type, aggregate_id, payload FROM outbox_events WHERE id = $1', [data.eventId]);
      return row;
    });
    if (!event) {
      this.logger.warn({ eventId: data.eventId }, 'published event not found in its tenant; skipped');
      return;
    }
    // Core's handlers run for every tenant; their ids start with `core.`, which no module may use.
    const core = this.coreHandlers
      .filter((h) => (h.eventType === event.type || h.eventType === '*') && (!h.aggregateTypes || h.aggregateTypes.includes(event.aggregate_type)))
      .map((h) => ({ ...h, moduleId: 'core' }));
    for (const handler of [...core, ...this.registry.handlersFor(event.type)]) {
      await this.uow.run(opts, async (scope) => {
        // A module switched off for this tenant does not react to its events (nor record that
        // it saw them, so nothing is marked handled that was not).
        if (handler.moduleId !== 'core') {
          const [enabled] = await scope.query('SELECT 1 FROM tenant_modules WHERE module_id = $1', [handler.moduleId]);
          if (!enabled) return;
        }
        const claimed = await scope.query(
          `INSERT INTO outbox_deliveries (tenant_id, event_id, handler) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
          [data.tenantId, event.id, handler.id]);
        if (!claimed.length) return;
        await handler.handle({ id: event.id, type: event.type, aggregateType: event.aggregate_type, aggregateId: event.aggregate_id, payload: event.payload }, scope);
      });
    }
  }
}
