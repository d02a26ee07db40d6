import type { Actor, TenantScope } from '@ketenhuis/sdk';
import type { ReferralRow } from './referral-access';
import { actionsFrom, STATE_TITLES } from '../../kernel/values/referral-states';
import { referralTypeTitle } from './referral-types';

/** What the caller may do with the referral now: only users of the receiving organisation act. */
export function allowedActionsOf(row: Pick<ReferralRow, 'state' | 'receiving_organisation_id'>, actor: Actor): string[] {
  const answers = actor.organisationId === row.receiving_organisation_id && actor.permissions.has('core.referral.respond');
  return answers ? actionsFrom(row.state) : [];
}

export function referralSummary(scope: TenantScope, row: ReferralRow, actor: Actor) {
  return {
    id: row.id, caseId: row.case_id, chain: row.chain, type: row.type, typeTitle: referralTypeTitle(scope, row.type),
    state: row.state, stateTitle: STATE_TITLES[row.state],
    sendingOrganisationId: row.sending_organisation_id, sentBy: row.sending_subject, receivingOrganisationId: row.receiving_organisation_id,
    reason: row.reason,
    sentAt: row.sent_at, receivedAt: row.received_at, acceptedAt: row.accepted_at, refusedAt: row.refused_at,
    startedAt: row.started_at, completedAt: row.completed_at, failedAt: row.failed_at,
    version: row.version,
    allowedActions: allowedActionsOf(row, actor),
  };
}

interface EventRow {
  id: string;
  action: string;
  from_state: string | null;
  to_state: string;
  at: Date;
  actor_subject: string;
  actor_organisation_id: string | null;
  note: string | null;
  reason: string | null;
  feedback: string | null;
}

/** The referral's steps in order, with what each one's author wrote. */
async function referralHistory(scope: TenantScope, referralId: string) {
  const rows = await scope.query<EventRow>(
    `SELECT id, action, from_state, to_state, at, actor_subject, actor_organisation_id, note, reason, feedback
     FROM referral_events WHERE referral_id = $1 ORDER BY recorded_at, id`, [referralId]);
  return rows.map((e) => ({
    id: e.id, action: e.action, from: e.from_state, to: e.to_state, at: e.at,
    actorSubject: e.actor_subject, actorOrganisationId: e.actor_organisation_id,
    ...(e.note !== null ? { note: e.note } : {}),
    ...(e.reason !== null ? { reason: e.reason } : {}),
    ...(e.feedback !== null ? { feedback: e.feedback } : {}),
  }));
}

/** The referral with its history: what both sides read of it, the case data apart. */
export async function referralView(scope: TenantScope, row: ReferralRow, actor: Actor) {
  return { ...referralSummary(scope, row, actor), history: await referralHistory(scope, row.id) };
}
