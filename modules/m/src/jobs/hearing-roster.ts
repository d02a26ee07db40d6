import { TOKENS, type QueueDefinition, type ScheduleDefinition, type TenantScope } from '@ketenhuis/sdk';
import { CASE_TYPE_ID, CHAIN_ID } from '../labels';

export const HEARING_ROSTER_QUEUE = 'm.hearing-roster';

/**
 * Every hearing date on the tenant's snelrecht cases, with the ISO week (its Monday, in Brussels)
 * it falls in: the parket's hearing (`hoorzitting`) and the court hearing of a summons
 * (`oproeping`). Parameter $1 is the tenant; row-level security keeps it to that tenant anyway.
 * The time zone is the legal calendar's, a constant of the platform, never a caller's value.
 */
const hearings = (scope: TenantScope) => `
  SELECT h.case_id, h.kind, h.hearing_at, (date_trunc('week', h.hearing_at AT TIME ZONE '${scope.resolve(TOKENS.Calendar).timeZone}'))::date AS week
  FROM (
    SELECT c.id AS case_id, f.kind, f.value::timestamptz AS hearing_at
    FROM cases c
    CROSS JOIN LATERAL (VALUES ('hoorzitting', c.fields->>'hearingDate'), ('oproeping', c.fields->>'summonsHearingDate')) AS f (kind, value)
    WHERE c.tenant_id = $1 AND c.chain = '${CHAIN_ID}' AND c.case_type = '${CASE_TYPE_ID}' AND f.value IS NOT NULL
  ) h`;

const UPSERT = `
  ON CONFLICT (tenant_id, week, case_id, kind) DO UPDATE SET hearing_at = EXCLUDED.hearing_at, computed_at = now()`;

/** Rebuilds one week of the roster: what is planned for it now, nothing else. Idempotent. */
export async function computeHearingRoster(scope: TenantScope, week: string): Promise<void> {
  await scope.query(
    `DELETE FROM m_hearing_roster r WHERE r.week = $2::date
       AND NOT EXISTS (SELECT 1 FROM (${hearings(scope)}) w WHERE w.week = $2::date AND w.case_id = r.case_id AND w.kind = r.kind)`,
    [scope.tenantId, week]);
  await scope.query(
    `INSERT INTO m_hearing_roster (tenant_id, week, case_id, kind, hearing_at)
     SELECT $1, w.week, w.case_id, w.kind, w.hearing_at FROM (${hearings(scope)}) w WHERE w.week = $2::date ${UPSERT}`,
    [scope.tenantId, week]);
}

/**
 * Brings one case's rows in line with its hearing dates, in whatever week they fall: a hearing
 * planned after Monday's run shows on the roster at once, and a moved one leaves its old week.
 */
export async function refreshHearingRosterOf(scope: TenantScope, caseId: string): Promise<void> {
  await scope.query(
    `DELETE FROM m_hearing_roster r WHERE r.case_id = $2
       AND NOT EXISTS (SELECT 1 FROM (${hearings(scope)}) w WHERE w.case_id = $2 AND w.week = r.week AND w.kind = r.kind)`,
    [scope.tenantId, caseId]);
  await scope.query(
    `INSERT INTO m_hearing_roster (tenant_id, week, case_id, kind, hearing_at)
     SELECT $1, w.week, w.case_id, w.kind, w.hearing_at FROM (${hearings(scope)}) w WHERE w.case_id = $2 ${UPSERT}`,
    [scope.tenantId, caseId]);
}

const MONDAY = /^\d{4}-\d{2}-\d{2}$/;

/** The week to compute: the payload's Monday (a rerun), or the current week by the platform clock. */
function weekOf(requested: unknown, scope: TenantScope): string {
  const calendar = scope.resolve(TOKENS.Calendar);
  if (requested === undefined || requested === null) return calendar.mondayOf(calendar.dayOf(scope.resolve(TOKENS.Clock).now()));
  if (typeof requested !== 'string' || !MONDAY.test(requested) || calendar.mondayOf(requested) !== requested) {
    throw new Error(`m.hearing-roster: week "${String(requested)}" is not a Monday (YYYY-MM-DD)`);
  }
  return requested;
}

export const hearingRosterQueue: QueueDefinition = {
  name: HEARING_ROSTER_QUEUE,
  // One week at a time per worker: two runs of the same week would only redo each other's work.
  concurrency: 1,
  async process(job, scope) {
    await computeHearingRoster(scope, weekOf(job.data.week, scope));
  },
};

/** Monday 06:00 UTC (07:00 or 08:00 in Brussels), before the week's first hearing. */
export const hearingRosterSchedule: ScheduleDefinition = {
  id: 'm.hearing-roster.weekly', queue: HEARING_ROSTER_QUEUE, cron: '0 6 * * 1', perTenant: true,
};
