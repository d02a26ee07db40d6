import { TOKENS, defineQueue, type ChainCase, type ScheduleDefinition, type TenantScope } from '@ketenhuis/sdk';
import type { SnelrechtFields } from '../fields';
import { CASE_TYPE_ID, CHAIN_ID } from '../labels';

export const HEARING_ROSTER_QUEUE = 'm.hearing-roster';

/** The roster's kinds: the parket's hearing, and the court hearing a summons calls to. */
const HEARING_FIELDS = { hoorzitting: 'hearingDate', oproeping: 'summonsHearingDate' } as const;

interface RosterEntry {
  week: string;
  caseId: string;
  kind: keyof typeof HEARING_FIELDS;
  hearingAt: Date;
}

/** A case's planned hearings, each with the ISO week (its Monday, in Brussels) it falls in. */
function hearingsOf(scope: TenantScope, found: ChainCase<SnelrechtFields>): RosterEntry[] {
  const calendar = scope.resolve(TOKENS.Calendar);
  return Object.entries(HEARING_FIELDS).flatMap(([kind, field]) => {
    const value = found.fields[field];
    if (typeof value !== 'string') return [];
    const hearingAt = new Date(value);
    return [{ week: calendar.mondayOf(calendar.dayOf(hearingAt)), caseId: found.id, kind: kind as RosterEntry['kind'], hearingAt }];
  });
}

const columns = (entries: RosterEntry[]) =>
  [entries.map((e) => e.week), entries.map((e) => e.caseId), entries.map((e) => e.kind), entries.map((e) => e.hearingAt)];

/** Writes the entries, keeping a row that is already there (its hearing time refreshed). */
async function upsert(scope: TenantScope, entries: RosterEntry[]): Promise<void> {
  if (!entries.length) return;
  await scope.query(
    `INSERT INTO m_hearing_roster (tenant_id, week, case_id, kind, hearing_at)
     SELECT $1, e.week, e.case_id, e.kind, e.hearing_at FROM unnest($2::date[], $3::uuid[], $4::text[], $5::timestamptz[]) AS e (week, case_id, kind, hearing_at)
     ON CONFLICT (tenant_id, week, case_id, kind) DO UPDATE SET hearing_at = EXCLUDED.hearing_at, computed_at = now()`,
    [scope.tenantId, ...columns(entries)]);
}

/** Rebuilds one week of the roster: what is planned for it now, nothing else. Idempotent. */
export async function computeHearingRoster(scope: TenantScope, week: string): Promise<void> {
  const calendar = scope.resolve(TOKENS.Calendar);
  const from = calendar.startOfDay(week);
  const to = calendar.startOfDay(calendar.addToDay(week, 'P7D'));
  // A job acts for the platform: the reader gives every snelrecht case of the district.
  const cases = await scope.resolve(TOKENS.Cases).list<SnelrechtFields>(scope, {
    chain: CHAIN_ID, caseType: CASE_TYPE_ID, dateFields: { fields: Object.values(HEARING_FIELDS), from, to },
  });
  const entries = cases.flatMap((c) => hearingsOf(scope, c)).filter((e) => e.week === week);
  await scope.query(
    `DELETE FROM m_hearing_roster r WHERE r.week = $1::date
       AND (r.case_id, r.kind) NOT IN (SELECT e.case_id, e.kind FROM unnest($2::uuid[], $3::text[]) AS e (case_id, kind))`,
    [week, entries.map((e) => e.caseId), entries.map((e) => e.kind)]);
  await upsert(scope, entries);
}

/**
 * Brings one case's rows in line with its hearing dates, in whatever week they fall: a hearing
 * planned after Monday's run shows on the roster at once, and a moved one leaves its old week.
 */
export async function refreshHearingRosterOf(scope: TenantScope, caseId: string): Promise<void> {
  const found = await scope.resolve(TOKENS.Cases).get<SnelrechtFields>(scope, caseId);
  const entries = found && found.chain === CHAIN_ID ? hearingsOf(scope, found) : [];
  await scope.query(
    `DELETE FROM m_hearing_roster r WHERE r.case_id = $1
       AND (r.week, r.kind) NOT IN (SELECT e.week, e.kind FROM unnest($2::date[], $3::text[]) AS e (week, kind))`,
    [caseId, entries.map((e) => e.week), entries.map((e) => e.kind)]);
  await upsert(scope, entries);
}

const MONDAY = /^\d{4}-\d{2}-\d{2}$/;

/** The week to compute: the payload's Monday (a rerun), or the current week by the platform clock. */
function weekOf(requested: string | undefined, scope: TenantScope): string {
  const calendar = scope.resolve(TOKENS.Calendar);
  if (requested === undefined || requested === null) return calendar.mondayOf(calendar.dayOf(scope.resolve(TOKENS.Clock).now()));
  if (typeof requested !== 'string' || !MONDAY.test(requested) || calendar.mondayOf(requested) !== requested) {
    throw new Error(`m.hearing-roster: week "${String(requested)}" is not a Monday (YYYY-MM-DD)`);
  }
  return requested;
}

/** A run for the current week, or for `week` (a Monday) when an operator reruns one. */
type HearingRosterJob = { tenantId: string; week?: string };

export const hearingRosterQueue = defineQueue<HearingRosterJob>({
  name: HEARING_ROSTER_QUEUE,
  // One week at a time per worker: two runs of the same week would only redo each other's work.
  concurrency: 1,
  async process(job, scope) {
    await computeHearingRoster(scope, weekOf(job.data.week, scope));
  },
});

/** Monday 06:00 UTC (07:00 or 08:00 in Brussels), before the week's first hearing. */
export const hearingRosterSchedule: ScheduleDefinition = {
  id: 'm.hearing-roster.weekly', queue: HEARING_ROSTER_QUEUE, cron: '0 6 * * 1', perTenant: true,
};
