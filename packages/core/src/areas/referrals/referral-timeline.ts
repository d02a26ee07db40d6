import type { Actor, ReferralState, TenantScope } from '@ketenhuis/sdk';
import type { TimelineData } from '../cases/timeline';
import type { ReferralRow } from './referral-access';

/**
 * Tells the case's history that a referral reached a state (`referral-sent`, `referral-accepted`,
 * ...). Like every timeline entry it holds codes and ids only: the step's free text (the note,
 * reason or feedback) stays in referral_events, which `eventId` names; the timeline shows it
 * beside the entry only to readers who may read referrals.
 */
export async function appendReferralTimeline(scope: TenantScope, row: ReferralRow, actor: Actor, state: ReferralState, eventId: string): Promise<void> {
  const data: TimelineData = { referralId: row.id, eventId, type: row.type, organisationId: row.receiving_organisation_id };
  await scope.query(
    `INSERT INTO case_timeline (tenant_id, case_id, kind, actor_subject, actor_organisation_id, data) VALUES ($1, $2, $3, $4, $5, $6)`,
    [scope.tenantId, row.case_id, `referral-${state}`, actor.subject, actor.organisationId ?? null, JSON.stringify(data)]);
}
