import { badRequest } from '@ketenhuis/sdk';
import { isCalendarDate } from '../../kernel/values/calendar-date';

export type ReportPeriod = 'week' | 'month' | 'quarter' | 'year';
export const REPORT_PERIODS: readonly ReportPeriod[] = ['week', 'month', 'quarter', 'year'];

/** What a report covers: whole days in Belgian time, `from` and `to` both included. */
export interface ReportWindow {
  from: string;
  to: string;
  period: ReportPeriod;
}

/** The time zone days, weeks and months are counted in: the districts are Belgian. */
export const REPORT_TIME_ZONE = 'Europe/Brussels';

/**
 * The window of a report from request or command input. The API has checked the shapes against
 * its OpenAPI document already; the CLI has not, so everything is checked again here. `at` names
 * where the values came from: `query.` for the API, `--` for the CLI.
 */
export function reportWindowOf(input: { from?: unknown; to?: unknown; period?: unknown }, at = 'query.'): ReportWindow {
  const date = (name: 'from' | 'to'): string => {
    const v = input[name];
    if (typeof v !== 'string' || !isCalendarDate(v)) throw badRequest(`${at}${name}`, 'must be a date (YYYY-MM-DD)');
    return v;
  };
  const from = date('from');
  const to = date('to');
  if (to < from) throw badRequest(`${at}to`, 'must not be before from');
  const period = input.period ?? 'month';
  if (!REPORT_PERIODS.includes(period as ReportPeriod)) throw badRequest(`${at}period`, `must be one of ${REPORT_PERIODS.join(', ')}`);
  return { from, to, period: period as ReportPeriod };
}

/** SQL (with the window's parameters) for its first instant and the instant after its last day. */
export const windowStartSql = (p: string) => `(${p}::date::timestamp AT TIME ZONE '${REPORT_TIME_ZONE}')`;
export const windowEndSql = (p: string) => `((${p}::date + 1)::timestamp AT TIME ZONE '${REPORT_TIME_ZONE}')`;

/** How a period is named: `2026-03`, `2026-W10` (ISO week), `2026-Q1`, `2026`; used with to_char. */
export const PERIOD_LABELS: Record<ReportPeriod, string> = { week: 'IYYY-"W"IW', month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };

/**
 * Small cells: a count of 1 to minCellSize - 1 cases is shown as `<minCellSize` and its figures
 * are withheld. The configured value is a floor: a caller may ask for a stricter rule, never for
 * a weaker one.
 */
export function minCellSizeOf(requested: unknown, floor: number, field = 'query.minCellSize'): number {
  if (requested === undefined || requested === null || requested === '') return floor;
  const n = typeof requested === 'number' ? requested : Number(requested);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw badRequest(field, 'must be a whole number from 1 to 1000');
  return Math.max(n, floor);
}

/** What a caller sees of a count: the number, or `<n` when the cell is too small to publish. */
export type CellCount = number | `<${number}`;

export function shownCount(count: number, minCellSize: number): { count: CellCount; suppressed: boolean } {
  const suppressed = count > 0 && count < minCellSize;
  return { count: suppressed ? `<${minCellSize}` : count, suppressed };
}
