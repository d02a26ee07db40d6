export { reportRoutes } from './routes';
export { reportedChain, type ReportQuery } from './report-source';
export { REPORT_PERIODS, minCellSizeOf, reportWindowOf, type ReportPeriod, type ReportWindow } from './report-window';
export { leadTimeReport, type LeadTimeReport, type LeadTimeOptions } from './lead-times';
export { deadlineComplianceReport, type DeadlineComplianceReport } from './deadline-compliance';
export { openCasesReport, type OpenCasesReport } from './open-cases';
export { deadlineComplianceCsv, leadTimesCsv, openCasesCsv } from './report-csv';
export { toCsv } from './csv';
export { REPORT_CATALOGUE, REPORT_NAMES, type ComputedReport, type ReportKind, type ReportName, type ReportRequest } from './report-catalogue';
