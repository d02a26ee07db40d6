import { CASE_LIST_LIMIT, type CaseFilter, type CaseReader, type ChainCase, type TenantScope } from '@ketenhuis/sdk';
import { UUID } from '../../kernel/values/uuid';
import { CASE_COLUMNS, visibleCaseSql, type CaseRow } from './case-access';

/** A WHERE clause over the case alias `c`, with its parameters numbered from `$1`. */
export interface CaseClause {
  sql: string;
  params: unknown[];
}

/**
 * The conditions of a chain's read: who may see (a request's organisation by core's rule; a job
 * or event handler, acting for the platform, the whole district) and what the filter asks. The
 * chain is optional only for core's own read of one case by id.
 */
export function caseFilterSql(scope: TenantScope, filter: Partial<CaseFilter>): CaseClause {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (scope.actor) where.push(visibleCaseSql(params.push(scope.actor.organisationId ?? null), params.push(scope.actor.subject)));
  if (filter.chain !== undefined) where.push(`c.chain = ${param(filter.chain)}`);
  if (filter.caseType !== undefined) where.push(`c.case_type = ${param(filter.caseType)}`);
  if (filter.states !== undefined) where.push(`c.state = ANY (${param(filter.states)}::text[])`);
  if (filter.ids !== undefined) where.push(`c.id = ANY (${param(filter.ids.filter((id) => UUID.test(id)))}::uuid[])`);
  if (filter.dateFields !== undefined) {
    const { fields, from, to } = filter.dateFields;
    where.push(`EXISTS (SELECT 1 FROM unnest(${param(fields)}::text[]) AS f (id)
      WHERE ${instantOf('c.fields->>f.id')} >= ${param(from)} AND ${instantOf('c.fields->>f.id')} < ${param(to)})`);
  }
  return { sql: where.length ? where.join(' AND ') : 'true', params };
}

/**
 * A date field (`YYYY-MM-DD`) counts from midnight in Brussels, a date-time is itself; field
 * values were validated against their declared type when they were stored.
 */
const instantOf = (value: string) =>
  `(CASE WHEN length(${value}) = 10 THEN (${value})::date::timestamp AT TIME ZONE 'Europe/Brussels' ELSE (${value})::timestamptz END)`;

const toChainCase = <F extends object>(row: CaseRow): ChainCase<F> => ({
  id: row.id, reference: row.reference, chain: row.chain, caseType: row.case_type, state: row.state,
  confidentiality: row.confidentiality, fields: row.fields as Partial<F>, registeredAt: row.registered_at, updatedAt: row.updated_at,
});

async function selectCases<F extends object>(scope: TenantScope, filter: Partial<CaseFilter>, limit: number): Promise<ChainCase<F>[]> {
  const { sql, params } = caseFilterSql(scope, filter);
  const rows = await scope.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases c WHERE ${sql} ORDER BY c.registered_at DESC, c.id LIMIT ${Math.max(1, Math.min(Math.trunc(limit) || 1, CASE_LIST_LIMIT))}`,
    params);
  return rows.map((row) => toChainCase<F>(row));
}

/** TOKENS.Cases: the SDK's read of cases, on core's visibility rule. */
export const caseReader: CaseReader = {
  async get<F extends object>(scope: TenantScope, caseId: string) {
    if (!UUID.test(caseId)) return undefined;
    const [found] = await selectCases<F>(scope, { ids: [caseId] }, 1);
    return found;
  },

  list: <F extends object>(scope: TenantScope, filter: CaseFilter, limit = CASE_LIST_LIMIT) => selectCases<F>(scope, filter, limit),

  async countByState(scope: TenantScope, filter: CaseFilter) {
    const { sql, params } = caseFilterSql(scope, filter);
    const rows = await scope.query<{ state: string; count: number }>(
      `SELECT c.state, count(*)::int AS count FROM cases c WHERE ${sql} GROUP BY c.state`, params);
    return Object.fromEntries(rows.map((r) => [r.state, r.count]));
  },
};
