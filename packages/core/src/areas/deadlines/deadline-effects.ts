import { TOKENS, type Actor, type LocalizedText, type NotifyTarget, type TenantScope } from '@ketenhuis/sdk';
import { appendTimeline } from '../cases/timeline';
import { notify } from '../notifications/notify';
import { recipientsOf } from './recipients';

export type DeadlinePhase = 'warning' | 'expiry';

/** The platform tells of a deadline; nobody in particular does. */
export const DEADLINES_ACTOR: Actor = { subject: 'system:deadlines', roles: [], permissions: new Set() };

interface Claimed {
  id: string;
  case_id: string;
  referral_id: string | null;
  source: string;
  title: LocalizedText;
  due_at: Date;
  on_expiry: 'notify' | 'escalate';
  warn_targets: NotifyTarget[];
  expiry_targets: NotifyTarget[];
  notify_organisation_ids: string[];
}

// The UPDATE is the guard: it matches only while the phase is due and not yet applied, and its
// row lock makes a concurrent run of the same job wait and then match nothing. What it claims
// commits with the notifications, timeline entry and event below, or not at all.
const CLAIM = {
  warning: `UPDATE deadlines SET warned_at = $2
            WHERE id = $1 AND state = 'running' AND warned_at IS NULL AND warn_at <= $2 AND due_at > $2 RETURNING *`,
  expiry: `UPDATE deadlines SET state = 'expired', expired_at = $2
           WHERE id = $1 AND state = 'running' AND due_at <= $2 RETURNING *`,
} as const;

/**
 * Applies a deadline's warning or expiry if it is due and was not applied yet: notifications,
 * a case timeline entry and an outbox event, all in the caller's transaction. Returns whether
 * it applied; running it again (a retried or duplicated job) changes nothing.
 */
export async function applyPhase(scope: TenantScope, deadlineId: string, phase: DeadlinePhase): Promise<boolean> {
  const now = scope.resolve(TOKENS.Clock).now();
  const [d] = await scope.query<Claimed>(
    `WITH d AS (${CLAIM[phase]}) SELECT d.* FROM d`,
    [deadlineId, now]);
  if (!d) return false;

  const escalated = phase === 'expiry' && d.on_expiry === 'escalate';
  const kind = phase === 'warning' ? 'deadline-warning' : escalated ? 'deadline-escalated' : 'deadline-expired';
  const targets = phase === 'warning' ? d.warn_targets : d.expiry_targets;
  const recipients = await recipientsOf(scope, { id: d.case_id }, targets, d.notify_organisation_ids);
  for (const r of recipients) {
    await notify(scope, { kind, organisationId: r.organisationId, function: r.function, caseId: d.case_id, referralId: d.referral_id, deadlineId: d.id, title: d.title });
  }
  const timelineKind = phase === 'warning' ? 'deadline-warning' : 'deadline-expired';
  await appendTimeline(scope, d.case_id, DEADLINES_ACTOR, timelineKind, {
    deadlineId: d.id, source: d.source, dueAt: new Date(d.due_at).toISOString(), ...(phase === 'expiry' ? { escalated } : {}),
  });
  // About the case, like the timeline entry: who may hear of it (webhooks) is who sees the case.
  await scope.publish({
    type: phase === 'warning' ? 'core.deadline-warning' : 'core.deadline-expired', aggregateType: 'case', aggregateId: d.case_id,
    payload: { deadlineId: d.id, caseId: d.case_id, referralId: d.referral_id, ...(phase === 'expiry' ? { escalated } : {}) },
  });
  return true;
}
