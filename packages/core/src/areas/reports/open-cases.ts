import type { ChainModule, LocalizedText } from '@ketenhuis/sdk';
import type { ReportQuery } from './report-source';
import { shownCount, type CellCount } from './report-window';

export interface OpenStateCell {
  state: string;
  title: LocalizedText;
  count: CellCount;
  suppressed: boolean;
}

export interface OpenCaseType {
  caseType: string;
  title: LocalizedText;
  total: { count: CellCount; suppressed: boolean };
  states: OpenStateCell[];
}

export interface OpenCasesReport {
  chain: string;
  minCellSize: number;
  caseTypes: OpenCaseType[];
}

/**
 * The chain's open cases (not in a final state of their workflow) per case type and state,
 * counted in the database. Every non-final state of the workflow is listed, in workflow order,
 * with 0 when no case is in it; a state the workflow no longer has (a module update renamed it)
 * still counts as open and follows, named by its id.
 */
export async function openCasesReport(query: ReportQuery, mod: ChainModule, minCellSize: number): Promise<OpenCasesReport> {
  const types = mod.caseTypes ?? [];
  const finals = types.flatMap((t) => t.workflow.states.filter((s) => s.final).map((s) => [t.id, s.id]));
  const rows = await query<{ case_type: string; state: string; n: number }>(
    `SELECT c.case_type, c.state, count(*)::int AS n FROM cases c
     WHERE c.chain = $1 AND NOT EXISTS (
       SELECT 1 FROM unnest($2::text[], $3::text[]) AS f (case_type, state) WHERE f.case_type = c.case_type AND f.state = c.state)
     GROUP BY c.case_type, c.state ORDER BY c.case_type, c.state`,
    [mod.id, finals.map(([t]) => t), finals.map(([, s]) => s)]);
  const count = (caseType: string, state: string) => rows.find((r) => r.case_type === caseType && r.state === state)?.n ?? 0;

  const declared = types.map((t) => ({ id: t.id, title: t.title, states: t.workflow.states.filter((s) => !s.final).map((s) => ({ id: s.id, title: s.title })) }));
  for (const r of rows) {
    let type = declared.find((t) => t.id === r.case_type);
    if (!type) declared.push(type = { id: r.case_type, title: { nl: r.case_type }, states: [] });
    if (!type.states.some((s) => s.id === r.state)) type.states.push({ id: r.state, title: { nl: r.state } });
  }
  return {
    chain: mod.id,
    minCellSize,
    caseTypes: declared.map((t) => ({
      caseType: t.id,
      title: t.title,
      total: shownCount(t.states.reduce((sum, s) => sum + count(t.id, s.id), 0), minCellSize),
      states: t.states.map((s) => ({ state: s.id, title: s.title, ...shownCount(count(t.id, s.id), minCellSize) })),
    })),
  };
}
