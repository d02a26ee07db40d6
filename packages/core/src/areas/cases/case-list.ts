import type { TenantScope } from '@ketenhuis/sdk';
import { referencesJsonOf, type ReferencesJson } from './case-view';
import { CASE_COLUMNS, visibleCaseSql, type CaseRow, type Viewer } from './case-access';

/** The filters of GET /cases; `reference` is already normalised (normalizeReference). */
export interface CaseListFilters {
  chain?: string;
  state?: string;
  reference?: string;
}

/** A page newest first: `after` is the (registered_at as text, id) of the previous page's last case. */
export interface CaseListPage {
  limit: number;
  after?: [string, string];
}

export type CaseListRow = CaseRow & { at_key: string };

/** Numbers the parameters of one statement as they are added. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The statement behind a page of the case list: exactly the cases visibleCaseSql lets the viewer
 * see, newest first by (registered_at, id), one more than the page holds (so the caller knows
 * whether a next page exists).
 *
 * The plan starts from what the viewer may see rather than from every case of the district:
 *
 * - the cases its organisation takes part in. Written as a semi-join, so the planner picks by
 *   the organisation's share of participations: an organisation in most cases walks the cases
 *   newest first and checks participation per case (the page fills at once), one in a handful
 *   reads its participations and sorts that handful;
 * - for a parket, each of its chains newest first (index cases_tenant_chain_registered), skipping
 *   strikt-vertrouwelijk cases;
 * - for an actor acting for no organisation, its own registrations made without one (a partial
 *   index holds only those).
 *
 * Each branch stops after a page, and the page is taken from their union. A reference filter
 * finds its few cases by their own reference and their PVs and notitienummers first, and checks
 * visibility on those.
 */
export function caseListQuery(viewer: Viewer, filters: CaseListFilters, page: CaseListPage): { sql: string; params: unknown[] } {
  const p = new Params();
  const n = p.add(page.limit + 1);
  const conditions: string[] = [];
  if (filters.chain !== undefined) conditions.push(`c.chain = ${p.add(filters.chain)}`);
  if (filters.state !== undefined) conditions.push(`c.state = ${p.add(filters.state)}`);
  if (page.after) conditions.push(`(c.registered_at, c.id) < (${p.add(page.after[0])}::timestamptz, ${p.add(page.after[1])}::uuid)`);
  const and = conditions.map((s) => ` AND ${s}`).join('');
  const newest = `ORDER BY c.registered_at DESC, c.id DESC LIMIT ${n}`;

  if (filters.reference !== undefined) {
    const key = p.add(filters.reference);
    const org = p.add(viewer.organisationId);
    const subject = p.add(viewer.subject);
    return {
      sql: `SELECT ${CASE_COLUMNS}, c.registered_at::text AS at_key FROM cases c
        WHERE c.id IN (
          SELECT r.id FROM cases r WHERE r.reference_key = ${key}
          UNION ALL
          SELECT x.case_id FROM case_external_references x WHERE x.search_key = ${key})
          AND ${visibleCaseSql(org, subject)}${and}
        ${newest}`,
      params: p.values,
    };
  }

  const branches: string[] = [];
  if (viewer.organisationId !== null) {
    const org = p.add(viewer.organisationId);
    branches.push(`SELECT c.id FROM cases c
      WHERE EXISTS (SELECT 1 FROM case_participants vp WHERE vp.tenant_id = c.tenant_id AND vp.case_id = c.id AND vp.organisation_id = ${org}::uuid)${and}
      ${newest}`);
    // No rows for an organisation that is not a parket: the lateral scans never run.
    branches.push(`SELECT k.id FROM organisations vo
      CROSS JOIN LATERAL unnest(vo.chains) AS ch(chain)
      CROSS JOIN LATERAL (
        SELECT c.id FROM cases c
        WHERE c.tenant_id = vo.tenant_id AND c.chain = ch.chain AND c.confidentiality <> 'strikt-vertrouwelijk'${and}
        ${newest}) k
      WHERE vo.id = ${org}::uuid AND vo.type = 'parket'`);
  } else {
    branches.push(`SELECT c.id FROM cases c
      WHERE c.registered_by_organisation_id IS NULL AND c.registered_by_subject = ${p.add(viewer.subject)}::text${and}
      ${newest}`);
  }
  return {
    sql: `SELECT ${CASE_COLUMNS}, c.registered_at::text AS at_key FROM cases c
      WHERE c.id IN (${branches.map((b) => `(${b})`).join(' UNION ALL ')})
      ${newest}`,
    params: p.values,
  };
}

/**
 * A page of the case list (see caseListQuery), each case with its external references read in
 * the same statement: a list costs one round trip.
 */
export async function listCases(scope: TenantScope, viewer: Viewer, filters: CaseListFilters, page: CaseListPage): Promise<Array<CaseListRow & { refs: ReferencesJson }>> {
  const { sql, params } = caseListQuery(viewer, filters, page);
  return scope.query<CaseListRow & { refs: ReferencesJson }>(
    `SELECT l.*, ${referencesJsonOf('l.id')} AS refs FROM (${sql}) l ORDER BY l.registered_at DESC, l.id DESC`, params);
}
