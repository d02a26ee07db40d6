import { badRequest, forbidden, notFound, type Actor, type TenantScope } from '@ketenhuis/sdk';
import { knownEventTypes } from './event-types';
import { newWebhookSecret } from './signature';
import { checkWebhookUrl } from './webhook-url';
import { CORE_TOKENS } from '../../kernel/core-tokens';
import { UUID } from '../../kernel/values/uuid';
import { encodeCursor } from '../../kernel/values/cursor';

export interface SubscriptionRow {
  id: string;
  organisation_id: string;
  url: string;
  event_types: string[];
  active: boolean;
  created_at: Date;
}

const COLUMNS = 's.id, s.organisation_id, s.url, s.event_types, s.active, s.created_at';

export const subscriptionView = (row: SubscriptionRow) => ({
  id: row.id,
  url: row.url,
  eventTypes: row.event_types,
  active: row.active,
  createdAt: row.created_at.toISOString(),
});

/** Webhooks belong to an organisation; an operator's token acting for none has none to manage. */
export function owningOrganisation(actor: Actor): string {
  if (!actor.organisationId) throw forbidden('Webhooks belong to an organisation: act for one to manage its webhooks');
  return actor.organisationId;
}

export interface SubscriptionInput {
  url: string;
  eventTypes: string[];
}

/** Only types that are ever sent; duplicates dropped, the order as given. */
async function checkEventTypes(scope: TenantScope, eventTypes: string[]): Promise<string[]> {
  const known = await knownEventTypes(scope);
  eventTypes.forEach((type, i) => {
    if (!known.has(type)) throw badRequest(`body.eventTypes[${i}]`, `"${type}" is not an event type of this district`);
  });
  return [...new Set(eventTypes)];
}

function checkUrl(scope: TenantScope, url: string): string {
  return checkWebhookUrl(url, 'body.url', { allowLocal: scope.resolve(CORE_TOKENS.Config).webhookAllowLocal });
}

/** A fresh secret, and how the database keeps it: encrypted, bound to the tenant. */
function freshSecret(scope: TenantScope) {
  const secret = newWebhookSecret();
  return { secret, ciphertext: scope.resolve(CORE_TOKENS.FieldCipher).encrypt(secret, scope.tenantId) };
}

/** The secret is in the answer of this call only; the database keeps it encrypted. */
export async function createSubscription(scope: TenantScope, actor: Actor, input: SubscriptionInput) {
  const organisationId = owningOrganisation(actor);
  const url = checkUrl(scope, input.url);
  const eventTypes = await checkEventTypes(scope, input.eventTypes);
  const { secret, ciphertext } = freshSecret(scope);
  const [row] = await scope.query<SubscriptionRow>(
    `INSERT INTO webhook_subscriptions AS s (tenant_id, organisation_id, url, event_types, secret_ciphertext, created_by_subject)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [scope.tenantId, organisationId, url, eventTypes, ciphertext, actor.subject]);
  return { ...subscriptionView(row), secret };
}

export type SubscriptionPatch = Partial<SubscriptionInput> & { active?: boolean };

/**
 * Changes what is given, checked as on subscribing; returns the webhook and the names of the
 * fields whose value changed. Paused (`active: false`), it gets no deliveries for events handled
 * meanwhile, and its pending ones wait; deliveries already made go to the new URL, whatever
 * their type, on their next attempt.
 */
export async function updateSubscription(scope: TenantScope, actor: Actor, id: string, patch: SubscriptionPatch) {
  const before = await requireSubscription(scope, actor, id);
  const after = {
    url: patch.url === undefined ? before.url : checkUrl(scope, patch.url),
    event_types: patch.eventTypes === undefined ? before.event_types : await checkEventTypes(scope, patch.eventTypes),
    active: patch.active ?? before.active,
  };
  const changed = [
    ...(after.url !== before.url ? ['url'] : []),
    ...(JSON.stringify(after.event_types) !== JSON.stringify(before.event_types) ? ['eventTypes'] : []),
    ...(after.active !== before.active ? ['active'] : []),
  ];
  if (!changed.length) return { webhook: subscriptionView(before), changed };
  // Through a CTE: an UPDATE's own RETURNING comes back wrapped with its row count.
  const [row] = await scope.query<SubscriptionRow>(
    `WITH s AS (UPDATE webhook_subscriptions SET url = $2, event_types = $3, active = $4 WHERE id = $1 RETURNING *)
     SELECT ${COLUMNS} FROM s`,
    [before.id, after.url, after.event_types, after.active]);
  return { webhook: subscriptionView(row), changed };
}

/**
 * Replaces the secret at once: every attempt from now on, retries of earlier deliveries
 * included, is signed with the new one. Like the first, it is in this answer only.
 */
export async function rotateSecret(scope: TenantScope, actor: Actor, id: string) {
  const row = await requireSubscription(scope, actor, id);
  const { secret, ciphertext } = freshSecret(scope);
  await scope.query('UPDATE webhook_subscriptions SET secret_ciphertext = $2 WHERE id = $1', [row.id, ciphertext]);
  return { ...subscriptionView(row), secret };
}

/** The subscription if it is the acting organisation's; anyone else's is one that does not exist. */
export async function requireSubscription(scope: TenantScope, actor: Actor, id: string): Promise<SubscriptionRow> {
  const organisationId = owningOrganisation(actor);
  const [row] = UUID.test(id)
    ? await scope.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM webhook_subscriptions s WHERE s.id = $1 AND s.organisation_id = $2`, [id, organisationId])
    : [];
  if (!row) throw notFound();
  return row;
}

export async function listSubscriptions(scope: TenantScope, actor: Actor, page: { limit: number; after?: [string, string] }) {
  const organisationId = owningOrganisation(actor);
  const rows = await scope.query<SubscriptionRow & { at_key: string }>(
    `SELECT ${COLUMNS}, s.created_at::text AS at_key FROM webhook_subscriptions s
     WHERE s.organisation_id = $1 AND ($2::timestamptz IS NULL OR (s.created_at, s.id) > ($2::timestamptz, $3::uuid))
     ORDER BY s.created_at, s.id LIMIT $4`,
    [organisationId, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit + 1]);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items: items.map(subscriptionView), ...(rows.length > page.limit ? { nextCursor: encodeCursor(last.at_key, last.id) } : {}) };
}

/** Its deliveries go with it, pending ones included: nothing more is sent for it. */
export async function deleteSubscription(scope: TenantScope, actor: Actor, id: string): Promise<void> {
  const row = await requireSubscription(scope, actor, id);
  await scope.query('DELETE FROM webhook_subscriptions WHERE id = $1', [row.id]);
}
