import type { ChainModule, LocalizedText } from '@ketenhuis/sdk';
import { SqlParams, type ReportQuery } from './report-source';
import { PERIOD_LABELS, REPORT_TIME_ZONE, shownCount, windowEndSql, windowStartSql, type CellCount, type ReportWindow } from './report-window';

/** What became of the deadlines that started in one cell. */
export interface ComplianceCell {
  started: CellCount;
  /** Met before they were due. */
  met: CellCount;
  /** Passed their due moment (whether met late or not yet). */
  expired: CellCount;
  /** Of the expired ones: met after all, late. */
  metLate: CellCount;
  /** Running or suspended: not decided yet. */
  running: CellCount;
  /** Stopped without being met or missed (the case went another way). */
  cancelled: CellCount;
  /** met / (met + expired); null when neither, or when either count is withheld. */
  complianceRate: number | null;
}

export interface ComplianceSource {
  /** `clock:<chain>:<caseType>:<clockId>` or `referral:<type>:<state>`. */
  source: string;
  title: LocalizedText;
  total: ComplianceCell;
  periods: Array<ComplianceCell & { period: string; periodStart: string }>;
}

export interface DeadlineComplianceReport {
  chain: string;
  from: string;
  to: string;
  period: ReportWindow['period'];
  minCellSize: number;
  sources: ComplianceSource[];
}

interface Row {
  source: string;
  by_period: boolean;
  period: string | null;
  period_start: string | null;
  title: LocalizedText;
  started: number;
  met: number;
  expired: number;
  met_late: number;
  running: number;
  cancelled: number;
  rate: number | null;
}

function cellOf(r: Row, minCellSize: number): ComplianceCell {
  const show = (n: number) => shownCount(n, minCellSize);
  const met = show(r.met);
  const expired = show(r.expired);
  return {
    started: show(r.started).count, met: met.count, expired: expired.count, metLate: show(r.met_late).count,
    running: show(r.running).count, cancelled: show(r.cancelled).count,
    // With one of its parts withheld, the rate would give it away.
    complianceRate: met.suppressed || expired.suppressed ? null : r.rate,
  };
}

/**
 * Deadline compliance of a chain per clock source: the deadlines of its cases that started in the
 * window, by the period they started in (Belgian time), counted by outcome in one statement.
 */
export async function deadlineComplianceReport(query: ReportQuery, mod: ChainModule, opts: ReportWindow & { minCellSize: number }): Promise<DeadlineComplianceReport> {
  const p = new SqlParams();
  const chainP = p.add(mod.id);
  const startP = p.add(opts.from);
  const endP = p.add(opts.to);
  const periodP = p.add(opts.period);
  const labelP = p.add(PERIOD_LABELS[opts.period]);
  const rows = await query<Row>(`
    SELECT s.*, round(s.met::numeric / nullif(s.met + s.expired, 0), 4)::float8 AS rate FROM (
      SELECT b.source, GROUPING(b.period_start) = 0 AS by_period,
        to_char(b.period_start::timestamp, ${labelP}) AS period, b.period_start::text AS period_start,
        (array_agg(b.title ORDER BY b.started_at DESC))[1] AS title,
        count(*)::int AS started,
        count(*) FILTER (WHERE b.state = 'met')::int AS met,
        count(*) FILTER (WHERE b.state = 'expired')::int AS expired,
        count(*) FILTER (WHERE b.state = 'expired' AND b.stopped_at IS NOT NULL)::int AS met_late,
        count(*) FILTER (WHERE b.state IN ('running', 'suspended'))::int AS running,
        count(*) FILTER (WHERE b.state = 'cancelled')::int AS cancelled
      FROM (
        SELECT d.source, d.title, d.state, d.started_at, d.stopped_at,
          date_trunc(${periodP}, d.started_at AT TIME ZONE '${REPORT_TIME_ZONE}')::date AS period_start
        FROM deadlines d JOIN cases c ON c.tenant_id = d.tenant_id AND c.id = d.case_id
        WHERE c.chain = ${chainP} AND d.started_at >= ${windowStartSql(startP)} AND d.started_at < ${windowEndSql(endP)}
      ) b
      GROUP BY GROUPING SETS ((b.source, b.period_start), (b.source))
    ) s
    ORDER BY s.source, s.by_period, s.period_start`, p.values);

  const sources: ComplianceSource[] = [];
  for (const r of rows.filter((x) => !x.by_period)) {
    sources.push({
      source: r.source, title: r.title, total: cellOf(r, opts.minCellSize),
      periods: rows.filter((x) => x.by_period && x.source === r.source)
        .map((x) => ({ period: x.period!, periodStart: x.period_start!, ...cellOf(x, opts.minCellSize) })),
    });
  }
  return { chain: mod.id, from: opts.from, to: opts.to, period: opts.period, minCellSize: opts.minCellSize, sources };
}
