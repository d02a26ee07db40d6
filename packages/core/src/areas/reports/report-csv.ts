import { toCsv, type CsvValue } from './csv';
import type { ComplianceCell, DeadlineComplianceReport } from './deadline-compliance';
import type { LeadTimeCell, LeadTimeReport, ZoneCell } from './lead-times';
import type { OpenCasesReport } from './open-cases';

/** Rows that sum up other rows carry this in the column they sum over (period, zone, state). */
export const CSV_TOTAL = 'total';

const figures = (c: LeadTimeCell): CsvValue[] => [c.count, c.medianSeconds, c.medianDays, c.p90Seconds, c.p90Days];

/**
 * One row per KPI and period, then the KPI's row for the whole window (`period` = total). Grouped
 * by zone, each period's row for all zones (`police_zone_code` = total) comes before its zones;
 * cases without a PV have an empty zone code. Titles are the Dutch ones.
 */
export function leadTimesCsv(report: LeadTimeReport): string {
  const byZone = report.groupBy === 'policeZone';
  const header = ['kpi', 'kpi_title', 'period', 'period_start', ...(byZone ? ['police_zone_code', 'police_zone_name'] : []),
    'count', 'median_seconds', 'median_days', 'p90_seconds', 'p90_days'];
  const rows: CsvValue[][] = [];
  for (const kpi of report.kpis) {
    const row = (period: string, start: string | null, c: LeadTimeCell, zone?: ZoneCell | 'all') => {
      const zoneColumns = !byZone ? [] : zone === 'all' ? [CSV_TOTAL, null] : [zone!.policeZoneCode, zone!.policeZoneName];
      rows.push([kpi.id, kpi.title.nl, period, start, ...zoneColumns, ...figures(c)]);
    };
    for (const p of kpi.periods) {
      row(p.period, p.periodStart, p, 'all');
      for (const z of p.zones ?? []) row(p.period, p.periodStart, z, z);
    }
    row(CSV_TOTAL, null, kpi.total, 'all');
    for (const z of kpi.zones ?? []) row(CSV_TOTAL, null, z, z);
  }
  return toCsv(header, rows);
}

/** One row per case type and open state, then the case type's row (`state` = total). */
export function openCasesCsv(report: OpenCasesReport): string {
  const rows: CsvValue[][] = [];
  for (const t of report.caseTypes) {
    for (const s of t.states) rows.push([t.caseType, t.title.nl, s.state, s.title.nl, s.count]);
    rows.push([t.caseType, t.title.nl, CSV_TOTAL, null, t.total.count]);
  }
  return toCsv(['case_type', 'case_type_title', 'state', 'state_title', 'count'], rows);
}

const compliance = (c: ComplianceCell): CsvValue[] => [c.started, c.met, c.expired, c.metLate, c.running, c.cancelled, c.complianceRate];

/** One row per clock source and period, then the source's row for the whole window (`period` = total). */
export function deadlineComplianceCsv(report: DeadlineComplianceReport): string {
  const rows: CsvValue[][] = [];
  for (const s of report.sources) {
    for (const p of s.periods) rows.push([s.source, s.title.nl, p.period, p.periodStart, ...compliance(p)]);
    rows.push([s.source, s.title.nl, CSV_TOTAL, null, ...compliance(s.total)]);
  }
  return toCsv(['source', 'title', 'period', 'period_start', 'started', 'met', 'expired', 'met_late', 'running', 'cancelled', 'compliance_rate'], rows);
}
