import { TOKENS, badRequest, forbidden, type Actor, type ReferralState, type TenantScope } from '@ketenhuis/sdk';
import { notify } from '../notifications/notify';
import { notAllowed } from '../workflows/not-allowed';
import { REFERRAL_COLUMNS, type ReferralRow } from './referral-access';
import { startReferralDeadline, stopReferralDeadline } from './referral-deadlines';
import { REFERRAL_STEPS, STATE_TIME_COLUMN, STATE_TITLES, type ReferralAction } from '../../kernel/values/referral-states';
import { referralTypeOf } from './referral-types';
import { allowedActionsOf } from './referral-view';
import { recordStep } from './record-step';

export interface ReferralTransitionRequest {
  action: ReferralAction;
  reason?: string;
  feedback?: string;
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

/** Outcomes the sending side has to act on (summons on failure, another partner on refusal). */
const TOLD_TO_SENDER: ReadonlySet<ReferralState> = new Set(['refused', 'completed', 'failed']);

function checkText(step: (typeof REFERRAL_STEPS)[ReferralAction], req: ReferralTransitionRequest): void {
  if (step.needsReason && blank(req.reason)) throw badRequest('body.reason', `is required to ${req.action} a referral`);
  if (!step.needsReason && req.reason !== undefined) throw badRequest('body.reason', `is only given when refusing or failing; use feedback to ${req.action}`);
  if (req.feedback !== undefined && blank(req.feedback)) throw badRequest('body.feedback', 'must not be blank');
}

/**
 * Moves a referral one step, in the caller's transaction. Only users of the receiving
 * organisation act; the state changes only if it is still the one the checks saw, so of two
 * concurrent steps one applies and the other is a 409. The step, its timeline entry and event,
 * and the deadlines (the left state's stops, the new state's starts) commit together.
 */
export async function moveReferral(scope: TenantScope, actor: Actor, row: ReferralRow, req: ReferralTransitionRequest): Promise<ReferralRow> {
  if (actor.organisationId !== row.receiving_organisation_id) throw forbidden('Only the receiving organisation answers a referral');
  const step = REFERRAL_STEPS[req.action];
  if (step.from !== row.state) {
    throw notAllowed(`The action "${req.action}" is not possible from the state "${row.state}"`, allowedActionsOf(row, actor));
  }
  checkText(step, req);

  const at = scope.resolve(TOKENS.Clock).now();
  const [moved] = await scope.query<ReferralRow>(
    // Wrapped in a SELECT: the driver answers a bare UPDATE with [rows, count], not the rows.
    `WITH r AS (UPDATE referrals SET state = $3, ${STATE_TIME_COLUMN[step.to]} = $4, reason = $5, version = version + 1
       WHERE id = $1 AND state = $2 RETURNING *)
     SELECT ${REFERRAL_COLUMNS} FROM r`,
    [row.id, step.from, step.to, at, step.needsReason ? req.reason!.trim() : null]);
  if (!moved) {
    const [now] = await scope.query<Pick<ReferralRow, 'state'>>('SELECT state FROM referrals WHERE id = $1', [row.id]);
    throw notAllowed('The referral changed state meanwhile; read it again', allowedActionsOf({ ...row, state: now?.state ?? row.state }, actor));
  }
  await recordStep(scope, actor, moved, { action: req.action, from: step.from, at, reason: moved.reason ?? undefined, feedback: req.feedback });
  await stopReferralDeadline(scope, moved, step.from);
  await startReferralDeadline(scope, moved, referralTypeOf(scope, moved.type)?.type, step.to, at);
  if (moved.sending_organisation_id && TOLD_TO_SENDER.has(step.to)) {
    const state = STATE_TITLES[step.to];
    await notify(scope, {
      kind: `referral-${step.to}`, organisationId: moved.sending_organisation_id, caseId: moved.case_id, referralId: moved.id,
      title: { nl: `Doorverwijzing ${state.nl.toLowerCase()}`, fr: `Orientation ${state.fr!.toLowerCase()}`, en: `Referral ${state.en!.toLowerCase()}` },
    });
  }
  return moved;
}
