import { CASE_LIST_LIMIT, type CaseDeadline, type CaseFilter, type DeadlineReader, type TenantScope } from '@ketenhuis/sdk';
import { UUID } from '../../kernel/values/uuid';
import { caseFilterSql } from '../cases/case-reader';
import { DEADLINE_COLUMNS, type DeadlineRow } from './deadline-view';

const toCaseDeadline = (row: DeadlineRow): CaseDeadline => ({
  id: row.id, caseId: row.case_id, source: row.source, title: row.title, state: row.state,
  startedAt: row.started_at, dueAt: row.due_at, ...(row.stopped_at ? { stoppedAt: row.stopped_at } : {}),
});

async function selectDeadlines(scope: TenantScope, filter: Partial<CaseFilter>, openOnly: boolean): Promise<CaseDeadline[]> {
  const { sql, params } = caseFilterSql(scope, filter);
  // An expired deadline stays open until its case leaves the clock's states (stopped_at).
  const open = openOnly ? `AND (d.state IN ('running', 'suspended') OR (d.state = 'expired' AND d.stopped_at IS NULL))` : '';
  const rows = await scope.query<DeadlineRow>(
    `SELECT ${DEADLINE_COLUMNS} FROM deadlines d JOIN cases c ON c.tenant_id = d.tenant_id AND c.id = d.case_id
     WHERE ${sql} ${open}
     ORDER BY ${openOnly ? 'd.due_at' : 'd.started_at'}, d.id LIMIT ${CASE_LIST_LIMIT}`,
    params);
  return rows.map(toCaseDeadline);
}

/** TOKENS.Deadlines: the SDK's read of deadlines, over the cases the scope sees. */
export const deadlineReader: DeadlineReader = {
  ofCase: async (scope, caseId) => (UUID.test(caseId) ? selectDeadlines(scope, { ids: [caseId] }, false) : []),
  open: (scope, filter) => selectDeadlines(scope, filter, true),
};
