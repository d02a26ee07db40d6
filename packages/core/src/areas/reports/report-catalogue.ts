import type { ChainModule } from '@ketenhuis/sdk';
import { deadlineComplianceReport } from './deadline-compliance';
import { leadTimeReport, type LeadTimeGrouping } from './lead-times';
import { openCasesReport } from './open-cases';
import { deadlineComplianceCsv, leadTimesCsv, openCasesCsv } from './report-csv';
import type { ReportQuery } from './report-source';
import type { ReportWindow } from './report-window';

export type ReportName = 'lead-times' | 'deadline-compliance' | 'open-cases';

/** What a report is asked for; a windowed report gets its window, the others count today. */
export interface ReportRequest {
  window?: ReportWindow;
  groupBy?: LeadTimeGrouping;
  minCellSize: number;
}

/** A computed report: the body a JSON caller gets, and its CSV, written only when asked for. */
export interface ComputedReport {
  body: unknown;
  csv(): string;
}

export interface ReportKind {
  /** Whether it covers a window of days (`from`, `to`, `period`); open cases are counted today. */
  windowed: boolean;
  compute(query: ReportQuery, mod: ChainModule, request: ReportRequest): Promise<ComputedReport>;
}

const computed = <R>(body: R, csv: (report: R) => string): ComputedReport => ({ body, csv: () => csv(body) });

function windowOf(request: ReportRequest): ReportWindow {
  if (!request.window) throw new Error('a windowed report was asked for without its window');
  return request.window;
}

/**
 * The reports of a chain, by the name the API path and the CLI's `--report` use: one table, so
 * both compute and write them alike.
 */
export const REPORT_CATALOGUE: Readonly<Record<ReportName, ReportKind>> = {
  'lead-times': {
    windowed: true,
    async compute(query, mod, request) {
      const report = await leadTimeReport(query, mod, { ...windowOf(request), groupBy: request.groupBy, minCellSize: request.minCellSize });
      return computed(report, leadTimesCsv);
    },
  },
  'deadline-compliance': {
    windowed: true,
    async compute(query, mod, request) {
      return computed(await deadlineComplianceReport(query, mod, { ...windowOf(request), minCellSize: request.minCellSize }), deadlineComplianceCsv);
    },
  },
  'open-cases': {
    windowed: false,
    async compute(query, mod, request) {
      return computed(await openCasesReport(query, mod, request.minCellSize), openCasesCsv);
    },
  },
};

export const REPORT_NAMES = Object.keys(REPORT_CATALOGUE) as readonly ReportName[];
