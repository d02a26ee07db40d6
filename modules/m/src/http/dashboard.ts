import { TOKENS, type ChainRoute, type TenantScope } from '@ketenhuis/sdk';
import { snelrecht } from '../case-types/snelrecht';
import { CASE_TYPE_ID, CHAIN_ID } from '../labels';
import { M_PERMISSIONS } from '../permissions';

/** A week of hearings fits one screen; more is a sign to filter, not to scroll. */
const MAX_HEARINGS = 200;
const DAY_MS = 24 * 3600 * 1000;

/** Every read below goes through core's readers, which keep to the cases the caller sees. */
const SNELRECHT = { chain: CHAIN_ID, caseType: CASE_TYPE_ID };

async function openByState(scope: TenantScope) {
  const counts = await scope.resolve(TOKENS.Cases).countByState(scope, SNELRECHT);
  const waiting = snelrecht.workflow.states.filter((s) => !s.final);
  return waiting.map((s) => ({ state: s.id, title: s.title, count: counts[s.id] ?? 0 }));
}

/**
 * Cases, not deadlines: a case with two clocks due counts once. A suspended deadline is paused and
 * counts nowhere; an expired one counts as overdue until it is met.
 */
async function deadlines(scope: TenantScope, now: Date, withinDays: number) {
  const open = await scope.resolve(TOKENS.Deadlines).open(scope, SNELRECHT);
  const soonUntil = now.getTime() + withinDays * DAY_MS;
  const overdue = new Set(open.filter((d) => d.state === 'expired' || (d.state === 'running' && d.dueAt.getTime() < now.getTime())).map((d) => d.caseId));
  const dueSoon = new Set(open.filter((d) => d.state === 'running' && d.dueAt.getTime() >= now.getTime() && d.dueAt.getTime() < soonUntil).map((d) => d.caseId));
  return { withinDays, dueSoon: dueSoon.size, overdue: overdue.size };
}

/** This week's roster rows, of the cases the caller sees, in hearing order. */
async function hearings(scope: TenantScope, week: string, listCases: boolean) {
  const roster = await scope.query<{ caseId: string; kind: string; hearingAt: Date }>(
    `SELECT case_id AS "caseId", kind, hearing_at AS "hearingAt" FROM m_hearing_roster WHERE week = $1::date`, [week]);
  const visible = await scope.resolve(TOKENS.Cases).list(scope, { ...SNELRECHT, ids: [...new Set(roster.map((r) => r.caseId))] });
  const cases = new Map(visible.map((c) => [c.id, c]));
  const items = roster.flatMap((r) => {
    const found = cases.get(r.caseId);
    return found ? [{ caseId: r.caseId, reference: found.reference, kind: r.kind, hearingAt: r.hearingAt, state: found.state }] : [];
  }).sort((a, b) => a.hearingAt.getTime() - b.hearingAt.getTime() || a.reference.localeCompare(b.reference) || a.kind.localeCompare(b.kind));
  if (!listCases) return { week, count: items.length };
  return { week, count: items.length, items: items.slice(0, MAX_HEARINGS), truncated: items.length > MAX_HEARINGS };
}

/**
 * GET /api/v1/chains/m/dashboard. Everything is counted over the cases the caller's organisation
 * sees; the hearings name their cases only to those who may read cases (an analyst gets the
 * numbers). The roster is the weekly job's, kept current as hearings are planned.
 */
export const dashboardRoute: ChainRoute = {
  method: 'get', path: '/dashboard', permission: M_PERMISSIONS.readDashboard,
  audit: { action: 'm-dashboard.read', objectType: 'm-dashboard', purpose: 'casework' },
  async handle(req, scope) {
    const now = scope.resolve(TOKENS.Clock).now();
    const withinDays = Number(req.query.withinDays ?? 7);
    const calendar = scope.resolve(TOKENS.Calendar);
    const week = calendar.mondayOf(calendar.dayOf(now));
    return {
      status: 200,
      body: {
        generatedAt: now.toISOString(),
        openByState: await openByState(scope),
        deadlines: await deadlines(scope, now, withinDays),
        hearings: await hearings(scope, week, req.actor.permissions.has('core.case.read')),
      },
    };
  },
};
