import type { LocalizedText, TenantScope } from '@ketenhuis/sdk';

export interface NotificationInput {
  /** `deadline-warning`, `deadline-expired`, `deadline-escalated`, `referral-received`, ... */
  kind: string;
  organisationId: string;
  /** Only the organisation's users acting in this function see it. */
  function?: string | null;
  /** Only this user sees it. */
  userId?: string | null;
  caseId?: string | null;
  referralId?: string | null;
  deadlineId?: string | null;
  title: LocalizedText;
}

/**
 * Leaves a notification in the caller's transaction, so it exists exactly when what it tells of
 * happened; the outbox event lets webhooks tell the organisation's own systems.
 */
export async function notify(scope: TenantScope, n: NotificationInput): Promise<string> {
  const [row] = await scope.query<{ id: string }>(
    `INSERT INTO notifications (tenant_id, kind, organisation_id, function, user_id, case_id, referral_id, deadline_id, title)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [scope.tenantId, n.kind, n.organisationId, n.function ?? null, n.userId ?? null, n.caseId ?? null, n.referralId ?? null, n.deadlineId ?? null, JSON.stringify(n.title)]);
  await scope.publish({ type: 'core.notification-created', aggregateType: 'notification', aggregateId: row.id,
    payload: { kind: n.kind, organisationId: n.organisationId } });
  return row.id;
}
