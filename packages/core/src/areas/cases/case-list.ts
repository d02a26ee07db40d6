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
 * - the cases its organisation takes part in: its participations newest first (index
 *   case_participants_organisation_newest), so a partner that takes part in a handful of cases,
 *   or joins cases weeks after their registration, reads its own page and nothing else;
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
  const chain = filters.chain === undefined ? undefined : p.add(filters.chain);
  const state = filters.state === undefined ? undefined : p.add(filters.state);
  const filtersOn = (alias: string) => [...(chain ? [`${alias}.chain = ${chain}`] : []), ...(state ? [`${alias}.state = ${state}`] : [])];
  const caseFilters = filtersOn('c');
  const after = page.after ? `(${p.add(page.after[0])}::timestamptz, ${p.add(page.after[1])}::uuid)` : undefined;
  const conditions = [...caseFilters, ...(after ? [`(c.registered_at, c.id) < ${after}`] : [])];
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
    // Its participations newest first (one organisation may take part in a case more than once,
    // hence DISTINCT); the case is read only to filter it by chain or state.
    const filtered = filtersOn('fc');
    branches.push(`SELECT d.case_id FROM (
      SELECT DISTINCT vp.case_registered_at, vp.case_id FROM case_participants vp
      WHERE vp.organisation_id = ${org}::uuid${after ? ` AND (vp.case_registered_at, vp.case_id) < ${after}` : ''}${filtered.length ? `
        AND EXISTS (SELECT 1 FROM cases fc WHERE fc.tenant_id = vp.tenant_id AND fc.id = vp.case_id AND ${filtered.join(' AND ')})` : ''}
      ORDER BY vp.case_registered_at DESC, vp.case_id DESC LIMIT ${n}) d`);
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
