import { TOKENS, type ChainRoute, type TenantScope } from '@ketenhuis/sdk';
import { snelrecht } from '../case-types/snelrecht';
import { CASE_TYPE_ID, CHAIN_ID } from '../labels';
import { M_PERMISSIONS } from '../permissions';

/** A week of hearings fits one screen; more is a sign to filter, not to scroll. */
const MAX_HEARINGS = 200;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The M cases the caller sees, by core's rule ($1 organisation, $2 subject); the chain and case
 * type are constants.
 */
const mCases = (scope: TenantScope) =>
  `c.chain = '${CHAIN_ID}' AND c.case_type = '${CASE_TYPE_ID}' AND ${scope.resolve(TOKENS.CaseVisibility).predicate(1, 2)}`;

async function openByState(scope: TenantScope, viewer: unknown[]) {
  const rows = await scope.query<{ state: string; count: number }>(
    `SELECT c.state, count(*)::int AS count FROM cases c WHERE ${mCases(scope)} GROUP BY c.state`, viewer);
  const counts = new Map(rows.map((r) => [r.state, r.count]));
  const waiting = snelrecht.workflow.states.filter((s) => !s.final);
  return waiting.map((s) => ({ state: s.id, title: s.title, count: counts.get(s.id) ?? 0 }));
}

/**
 * Cases, not deadlines: a case with two clocks due counts once. A suspended deadline is paused and
 * counts nowhere; an expired one counts as overdue until it is met.
 */
async function deadlines(scope: TenantScope, viewer: unknown[], now: Date, withinDays: number) {
  const [row] = await scope.query<{ dueSoon: number; overdue: number }>(
    `SELECT
       count(DISTINCT c.id) FILTER (WHERE d.state = 'running' AND d.due_at >= $3 AND d.due_at < $4)::int AS "dueSoon",
       count(DISTINCT c.id) FILTER (WHERE (d.state = 'running' AND d.due_at < $3) OR (d.state = 'expired' AND d.stopped_at IS NULL))::int AS overdue
     FROM deadlines d JOIN cases c ON c.tenant_id = d.tenant_id AND c.id = d.case_id
     WHERE ${mCases(scope)} AND d.state IN ('running', 'expired')`,
    [...viewer, now, new Date(now.getTime() + withinDays * DAY_MS)]);
  return { withinDays, dueSoon: row?.dueSoon ?? 0, overdue: row?.overdue ?? 0 };
}

async function hearings(scope: TenantScope, viewer: unknown[], week: string, listCases: boolean) {
  const rows = await scope.query<{ caseId: string; reference: string; kind: string; hearingAt: Date; state: string; total: number }>(
    `SELECT r.case_id AS "caseId", c.reference, r.kind, r.hearing_at AS "hearingAt", c.state, count(*) OVER ()::int AS total
     FROM m_hearing_roster r JOIN cases c ON c.tenant_id = r.tenant_id AND c.id = r.case_id
     WHERE r.week = $3::date AND ${mCases(scope)}
     ORDER BY r.hearing_at, c.reference, r.kind
     LIMIT $4`,
    [...viewer, week, listCases ? MAX_HEARINGS : 1]);
  const count = rows[0]?.total ?? 0;
  if (!listCases) return { week, count };
  return { week, count, items: rows.map(({ total: _total, ...item }) => item), truncated: count > rows.length };
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
    const viewer = [req.actor.organisationId ?? null, req.actor.subject];
    const calendar = scope.resolve(TOKENS.Calendar);
    const week = calendar.mondayOf(calendar.dayOf(now));
    return {
      status: 200,
      body: {
        generatedAt: now.toISOString(),
        openByState: await openByState(scope, viewer),
        deadlines: await deadlines(scope, viewer, now, withinDays),
        hearings: await hearings(scope, viewer, week, req.actor.permissions.has('core.case.read')),
      },
    };
  },
};
