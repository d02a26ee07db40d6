import { TOKENS, type EventHandlerDefinition, type TenantScope } from '@ketenhuis/sdk';
import { visibleCaseSql } from '../cases/case-access';
import { visibleReferralSql } from '../referrals/referral-access';
import { UUID } from '../../kernel/values/uuid';
import type { ExistsRow } from '../../kernel/db/rows';

type OutboxEvent = Parameters<EventHandlerDefinition['handle']>[0];

/**
 * Whether an organisation may learn that the event happened, decided by what it is about, by
 * the API's own rules: a case it sees, a referral it sees (it receives it, or sees its case), a
 * notification of its own. An event about anything else goes to nobody: a webhook never tells
 * more than the API would. The viewer is the organisation itself; the subject parameter only
 * counts for a viewer acting for no organisation, so it is left empty.
 */
type MayKnow = (scope: TenantScope, organisationId: string, aggregateId: string) => Promise<boolean>;

const mayKnow = new Map<string, MayKnow>(Object.entries({
  async case(scope: TenantScope, organisationId: string, id: string) {
    const rows = await scope.query<ExistsRow>(`SELECT 1 FROM cases c WHERE c.id = $1 AND ${visibleCaseSql(2, 3)}`, [id, organisationId, '']);
    return rows.length > 0;
  },
  async referral(scope: TenantScope, organisationId: string, id: string) {
    const rows = await scope.query<ExistsRow>(`SELECT 1 FROM referrals r WHERE r.id = $1 AND ${visibleReferralSql(2, 3)}`, [id, organisationId, '']);
    return rows.length > 0;
  },
  async notification(scope: TenantScope, organisationId: string, id: string) {
    const rows = await scope.query<ExistsRow>('SELECT 1 FROM notifications n WHERE n.id = $1 AND n.organisation_id = $2', [id, organisationId]);
    return rows.length > 0;
  },
}));

/**
 * Turns an outbox event into one delivery row per subscription that asked for its type and whose
 * organisation may know of it. It runs once per event (the dispatcher's delivery record) in the
 * event's tenant transaction, and the unique (subscription, event) makes a repeat harmless.
 * Access is judged now, when the event is handled, which is moments after it happened.
 */
export const webhookFanOut: EventHandlerDefinition = {
  id: 'core.webhooks.fan-out',
  eventType: '*',
  aggregateTypes: [...mayKnow.keys()],
  async handle(event, scope) {
    const check = mayKnow.get(event.aggregateType);
    if (!check || !UUID.test(event.aggregateId)) return;
    const subscriptions = await scope.query<{ id: string; organisation_id: string }>(
      'SELECT id, organisation_id FROM webhook_subscriptions WHERE active AND $1 = ANY (event_types) ORDER BY id', [event.type]);
    if (!subscriptions.length) return;
    const [{ occurred_at: occurredAt }] = await scope.query<{ occurred_at: Date }>('SELECT created_at AS occurred_at FROM outbox_events WHERE id = $1', [event.id]);
    const now = scope.resolve(TOKENS.Clock).now();
    for (const s of subscriptions) {
      if (!(await check(scope, s.organisation_id, event.aggregateId))) continue;
      await insertDelivery(scope, s.id, event, occurredAt, now);
    }
  },
};

async function insertDelivery(scope: TenantScope, subscriptionId: string, event: OutboxEvent, occurredAt: Date, now: Date): Promise<void> {
  await scope.query(
    `INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id, event_type, aggregate_type, aggregate_id, occurred_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (subscription_id, event_id) DO NOTHING`,
    [scope.tenantId, subscriptionId, event.id, event.type, event.aggregateType, event.aggregateId, occurredAt, now]);
}
