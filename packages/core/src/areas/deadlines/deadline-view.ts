import type { LocalizedText, TenantScope } from '@ketenhuis/sdk';

export interface DeadlineRow {
  id: string;
  case_id: string;
  referral_id: string | null;
  source: string;
  title: LocalizedText;
  duration: string;
  warn_before: string | null;
  started_at: Date;
  due_at: Date;
  warn_at: Date | null;
  on_expiry: 'notify' | 'escalate';
  state: 'running' | 'suspended' | 'met' | 'expired' | 'cancelled';
  suspended_at: Date | null;
  suspended_ms: string;
  warned_at: Date | null;
  expired_at: Date | null;
  stopped_at: Date | null;
}

interface EventRow {
  id: string;
  deadline_id: string;
  kind: string;
  at: Date;
  reason: string | null;
  actor_subject: string;
  actor_organisation_id: string | null;
  data: Record<string, unknown>;
}

export const DEADLINE_COLUMNS = `d.id, d.case_id, d.referral_id, d.source, d.title, d.duration, d.warn_before, d.started_at, d.due_at, d.warn_at,
  d.on_expiry, d.state, d.suspended_at, d.suspended_ms, d.warned_at, d.expired_at, d.stopped_at`;

const iso = (d: Date | null) => (d === null ? undefined : new Date(d).toISOString());

/** The deadlines as the API shows them, each with its history of suspensions and extensions. */
export async function deadlineViews(scope: TenantScope, rows: DeadlineRow[]) {
  const events = rows.length ? await scope.query<EventRow>(
    `SELECT id, deadline_id, kind, at, reason, actor_subject, actor_organisation_id, data FROM deadline_events
     WHERE deadline_id = ANY ($1::uuid[]) ORDER BY at, id`, [rows.map((r) => r.id)]) : [];
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, ...(r.referral_id ? { referralId: r.referral_id } : {}), source: r.source, title: r.title,
    state: r.state, duration: r.duration, ...(r.warn_before ? { warnBefore: r.warn_before } : {}), onExpiry: r.on_expiry,
    startedAt: iso(r.started_at), dueAt: iso(r.due_at), warnAt: iso(r.warn_at), warnedAt: iso(r.warned_at), expiredAt: iso(r.expired_at),
    suspendedAt: iso(r.suspended_at), stoppedAt: iso(r.stopped_at), suspendedMs: Number(r.suspended_ms),
    events: events.filter((e) => e.deadline_id === r.id).map((e) => ({
      id: e.id, kind: e.kind, at: iso(e.at), ...(e.reason !== null ? { reason: e.reason } : {}),
      actorSubject: e.actor_subject, ...(e.actor_organisation_id ? { actorOrganisationId: e.actor_organisation_id } : {}), data: e.data,
    })),
  }));
}
