import { TOKENS, type ChainRequest, type Clock, type RouteAudit, type TenantScope } from '@ketenhuis/sdk';
import type { CoreRoute } from '../http/core-route';
import type { PlatformConfig } from '../config/config';
import type { ModuleRegistry } from '../modules/module-registry';
import { deadlineComplianceReport } from './deadline-compliance';
import { leadTimeReport, type LeadTimeGrouping } from './lead-times';
import { openCasesReport } from './open-cases';
import { deadlineComplianceCsv, leadTimesCsv, openCasesCsv } from './report-csv';
import { reportResponse } from './report-response';
import { reportedChain, type ReportQuery } from './report-source';
import { REPORT_TIME_ZONE, minCellSizeOf, reportWindowOf } from './report-window';

// Aggregates over every case of the chain in the district, read for statistics: the record
// names the chain, never a case.
const audit = (report: string): RouteAudit => ({ action: `report.${report}`, objectType: 'report', objectIdParam: 'chain', purpose: 'statistics' });

const queryOf = (scope: TenantScope): ReportQuery => (sql, params) => scope.query(sql, params);

async function chainOf(req: ChainRequest, scope: TenantScope) {
  return reportedChain(queryOf(scope), scope.resolve<ModuleRegistry>(TOKENS.ModuleRegistry), req.params.chain);
}

const minCellSize = (req: ChainRequest, scope: TenantScope) =>
  minCellSizeOf(req.query.minCellSize, scope.resolve<PlatformConfig>(TOKENS.Config).reportMinCellSize);

const today = (scope: TenantScope) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: REPORT_TIME_ZONE }).format(scope.resolve<Clock>(TOKENS.Clock).now());

/** Described in packages/contracts/openapi/core/reports.yaml; see docs/reports.md. */
export const reportRoutes: CoreRoute[] = [
  {
    method: 'get', path: '/reports/chains/{chain}/lead-times', permission: 'core.report.read', audit: audit('lead-times'),
    async handle(req, scope) {
      const mod = await chainOf(req, scope);
      const window = reportWindowOf(req.query);
      const report = await leadTimeReport(queryOf(scope), mod, {
        ...window, groupBy: req.query.groupBy as LeadTimeGrouping | undefined, minCellSize: minCellSize(req, scope),
      });
      return reportResponse(req, report, leadTimesCsv, `lead-times-${mod.id}-${window.from}-${window.to}`);
    },
  },
  {
    method: 'get', path: '/reports/chains/{chain}/deadline-compliance', permission: 'core.report.read', audit: audit('deadline-compliance'),
    async handle(req, scope) {
      const mod = await chainOf(req, scope);
      const window = reportWindowOf(req.query);
      const report = await deadlineComplianceReport(queryOf(scope), mod, { ...window, minCellSize: minCellSize(req, scope) });
      return reportResponse(req, report, deadlineComplianceCsv, `deadline-compliance-${mod.id}-${window.from}-${window.to}`);
    },
  },
  {
    method: 'get', path: '/reports/chains/{chain}/open-cases', permission: 'core.report.read', audit: audit('open-cases'),
    async handle(req, scope) {
      const mod = await chainOf(req, scope);
      const report = await openCasesReport(queryOf(scope), mod, minCellSize(req, scope));
      return reportResponse(req, report, openCasesCsv, `open-cases-${mod.id}-${today(scope)}`);
    },
  },
];
