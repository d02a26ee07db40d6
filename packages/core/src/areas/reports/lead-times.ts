import type { ChainModule, KpiPoint, LeadTimeKpi, LocalizedText } from '@ketenhuis/sdk';
import { POLICE_ZONE_SQL, momentSql } from './kpi-point-sql';
import { SqlParams, type ReportQuery } from './report-source';
import { PERIOD_LABELS, REPORT_TIME_ZONE, shownCount, windowEndSql, windowStartSql, type CellCount, type ReportWindow } from './report-window';

export type LeadTimeGrouping = 'policeZone';

const REPORT_WORK_MEM = '64MB';

export interface LeadTimeOptions extends ReportWindow {
  groupBy?: LeadTimeGrouping;
  minCellSize: number;
}

/** Count, median and p90 of the lead times in one cell; figures are null in a suppressed cell. */
export interface LeadTimeCell {
  count: CellCount;
  suppressed: boolean;
  medianSeconds: number | null;
  medianDays: number | null;
  p90Seconds: number | null;
  p90Days: number | null;
}

export interface ZoneCell extends LeadTimeCell {
  /** The zone code of the cases' first PV; null for cases without a PV. */
  policeZoneCode: string | null;
  policeZoneName: string | null;
}

export interface PeriodCell extends LeadTimeCell {
  period: string;
  periodStart: string;
  zones?: ZoneCell[];
}

export interface KpiReport {
  id: string;
  title: LocalizedText;
  caseType?: string;
  from: KpiPoint;
  to: KpiPoint;
  /** The whole window, every zone. */
  total: LeadTimeCell;
  /** The whole window per zone (grouped by zone only). */
  zones?: ZoneCell[];
  periods: PeriodCell[];
}

export interface LeadTimeReport {
  chain: string;
  from: string;
  to: string;
  period: ReportWindow['period'];
  groupBy: LeadTimeGrouping | null;
  minCellSize: number;
  kpis: KpiReport[];
}

interface CellRow {
  by_period: boolean;
  by_zone: boolean;
  period: string | null;
  period_start: string | null;
  zone: string | null;
  zone_name: string | null;
  n: number;
  median_seconds: number | null;
  median_days: number | null;
  p90_seconds: number | null;
  p90_days: number | null;
}

/**
 * One statement per KPI, aggregates only: each case's two moments are computed in the database
 * (starting from the moments that fall in the window, see momentSql),
 * bucketed by the period of the `to` moment (Belgian time), and reduced with percentile_cont,
 * for every period (and zone) and for the whole window at once (GROUPING SETS). Cells too small
 * to publish leave the database without their figures.
 */
function leadTimeSql(chain: string, kpi: LeadTimeKpi, opts: LeadTimeOptions): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const startP = p.add(opts.from);
  const endP = p.add(opts.to);
  const window = { start: windowStartSql(startP), end: windowEndSql(endP) };
  const to = momentSql(kpi.to, 'to_m', p, window);
  const from = momentSql(kpi.from, 'from_m', p);
  const chainP = p.add(chain);
  const typeP = p.add(kpi.caseType ?? null);
  const periodP = p.add(opts.period);
  const labelP = p.add(PERIOD_LABELS[opts.period]);
  const minP = p.add(opts.minCellSize);
  const byZone = opts.groupBy === 'policeZone';
  const sets = byZone ? '((b.period_start, b.zone), (b.period_start), (b.zone), ())' : '((b.period_start), ())';
  const figure = (fraction: number, unit: 'seconds' | 'days') => {
    const value = `percentile_cont(${fraction}) WITHIN GROUP (ORDER BY b.seconds)`;
    const rounded = unit === 'seconds' ? `round(${value}::numeric)` : `round((${value} / 86400)::numeric, 2)`;
    return `CASE WHEN count(*) < ${minP}::int THEN NULL ELSE ${rounded}::float8 END`;
  };
  const sql = `
    SELECT s.*, o.name AS zone_name FROM (
      SELECT GROUPING(b.period_start) = 0 AS by_period, ${byZone ? 'GROUPING(b.zone) = 0' : 'false'} AS by_zone,
        to_char(b.period_start::timestamp, ${labelP}) AS period, b.period_start::text AS period_start,
        ${byZone ? 'b.zone' : 'NULL::text'} AS zone,
        count(*)::int AS n,
        ${figure(0.5, 'seconds')} AS median_seconds, ${figure(0.5, 'days')} AS median_days,
        ${figure(0.9, 'seconds')} AS p90_seconds, ${figure(0.9, 'days')} AS p90_days
      FROM (
        SELECT date_trunc(${periodP}, m.to_at AT TIME ZONE '${REPORT_TIME_ZONE}')::date AS period_start,
          ${byZone ? 'm.zone, ' : ''}extract(epoch FROM m.to_at - m.from_at)::float8 AS seconds
        FROM (
          SELECT ${from.expr} AS from_at, ${to.expr} AS to_at${byZone ? `, ${POLICE_ZONE_SQL} AS zone` : ''}
          FROM cases c ${to.join} ${from.join}
          WHERE c.chain = ${chainP} AND (${typeP}::text IS NULL OR c.case_type = ${typeP}::text)${to.where ? ` AND ${to.where}` : ''}
        ) m
        WHERE m.from_at IS NOT NULL
      ) b
      GROUP BY GROUPING SETS ${sets}
    ) s
    LEFT JOIN organisations o ON s.by_zone AND o.police_zone_code = s.zone
    ORDER BY s.by_period, s.period_start, s.by_zone, s.zone NULLS LAST`;
  return { sql, params: p.values };
}

function cellOf(r: CellRow, minCellSize: number): LeadTimeCell {
  return {
    ...shownCount(r.n, minCellSize),
    medianSeconds: r.median_seconds, medianDays: r.median_days, p90Seconds: r.p90_seconds, p90Days: r.p90_days,
  };
}

const zoneCellOf = (r: CellRow, minCellSize: number): ZoneCell =>
  ({ policeZoneCode: r.zone, policeZoneName: r.zone_name, ...cellOf(r, minCellSize) });

function kpiReport(kpi: LeadTimeKpi, rows: CellRow[], opts: LeadTimeOptions): KpiReport {
  const byZone = opts.groupBy === 'policeZone';
  const total = rows.find((r) => !r.by_period && !r.by_zone);
  const periods = rows.filter((r) => r.by_period && !r.by_zone).map((r): PeriodCell => ({
    period: r.period!, periodStart: r.period_start!, ...cellOf(r, opts.minCellSize),
    ...(byZone ? { zones: rows.filter((z) => z.by_period && z.by_zone && z.period_start === r.period_start).map((z) => zoneCellOf(z, opts.minCellSize)) } : {}),
  }));
  return {
    id: kpi.id, title: kpi.title, ...(kpi.caseType ? { caseType: kpi.caseType } : {}), from: kpi.from, to: kpi.to,
    // GROUPING SETS always yields the grand total, even over no cases at all.
    total: cellOf(total!, opts.minCellSize),
    ...(byZone ? { zones: rows.filter((r) => !r.by_period && r.by_zone).map((r) => zoneCellOf(r, opts.minCellSize)) } : {}),
    periods,
  };
}

/** The lead-time report of a chain: every KPI its module declares, in declaration order. */
export async function leadTimeReport(query: ReportQuery, mod: ChainModule, opts: LeadTimeOptions): Promise<LeadTimeReport> {
  // A year of a large district is a million moments per KPI: with the default 4 MB each
  // aggregate spills to disk. Enough for that, for this transaction only.
  await query<{ work_mem: string }>(`SELECT set_config('work_mem', '${REPORT_WORK_MEM}', true) AS work_mem`);
  const kpis: KpiReport[] = [];
  for (const kpi of mod.kpis ?? []) {
    const { sql, params } = leadTimeSql(mod.id, kpi, opts);
    kpis.push(kpiReport(kpi, await query<CellRow>(sql, params), opts));
  }
  return { chain: mod.id, from: opts.from, to: opts.to, period: opts.period, groupBy: opts.groupBy ?? null, minCellSize: opts.minCellSize, kpis };
}
