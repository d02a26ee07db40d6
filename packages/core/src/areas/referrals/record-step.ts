import type { Actor, ReferralState, TenantScope } from '@ketenhuis/sdk';
import type { ReferralRow } from './referral-access';
import { appendReferralTimeline } from './referral-timeline';

export interface StepRecord {
  action: 'send' | 'receive' | 'accept' | 'refuse' | 'start' | 'complete' | 'fail';
  from: ReferralState | null;
  at: Date;
  note?: string;
  reason?: string;
  feedback?: string;
}

/**
 * Records that the referral reached its current state, in the caller's transaction: the step
 * (with its text) in the referral's history, an entry on the case timeline, and the outbox event
 * `core.referral-<state>` that chain modules react to (ids and codes only).
 */
export async function recordStep(scope: TenantScope, actor: Actor, row: ReferralRow, step: StepRecord): Promise<void> {
  const [event] = await scope.query<{ id: string }>(
    `INSERT INTO referral_events (tenant_id, referral_id, action, from_state, to_state, at, actor_subject, actor_organisation_id, note, reason, feedback)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [scope.tenantId, row.id, step.action, step.from, row.state, step.at, actor.subject, actor.organisationId ?? null,
      step.note ?? null, step.reason ?? null, step.feedback ?? null]);
  await appendReferralTimeline(scope, row, actor, row.state, event.id);
  await scope.publish({
    type: `core.referral-${row.state}`, aggregateType: 'referral', aggregateId: row.id,
    payload: { referralId: row.id, caseId: row.case_id, type: row.type, state: row.state, chain: row.chain },
  });
}
