import { TOKENS, type ChainRequest, type RouteAudit, type RouteDefinition, type TenantScope } from '@ketenhuis/sdk';
import type { LeadTimeGrouping } from './lead-times';
import { REPORT_CATALOGUE, REPORT_NAMES } from './report-catalogue';
import { reportResponse } from './report-response';
import { reportedChain, type ReportQuery } from './report-source';
import { REPORT_TIME_ZONE, minCellSizeOf, reportWindowOf } from './report-window';
import { CORE_TOKENS } from '../../kernel/core-tokens';

// Aggregates over every case of the chain in the district, read for statistics: the record
// names the chain, never a case.
const audit = (report: string): RouteAudit => ({ action: `report.${report}`, objectType: 'report', objectIdParam: 'chain', purpose: 'statistics' });

const queryOf = (scope: TenantScope): ReportQuery => <T>(sql: string, params?: unknown[]) => scope.query<T>(sql, params);

async function chainOf(req: ChainRequest, scope: TenantScope) {
  return reportedChain(queryOf(scope), scope.resolve(CORE_TOKENS.ModuleRegistry), req.params.chain);
}

const minCellSize = (req: ChainRequest, scope: TenantScope) =>
  minCellSizeOf(req.query.minCellSize, scope.resolve(CORE_TOKENS.Config).reportMinCellSize);

const today = (scope: TenantScope) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: REPORT_TIME_ZONE }).format(scope.resolve(TOKENS.Clock).now());

/** Described in packages/contracts/openapi/core/reports.yaml; see docs/reports.md. */
export const reportRoutes: RouteDefinition[] = REPORT_NAMES.map((name): RouteDefinition => ({
  method: 'get', path: `/reports/chains/{chain}/${name}`, permission: 'core.report.read', audit: audit(name),
  async handle(req, scope) {
    const kind = REPORT_CATALOGUE[name];
    const mod = await chainOf(req, scope);
    const window = kind.windowed ? reportWindowOf(req.query) : undefined;
    const report = await kind.compute(queryOf(scope), mod, {
      window, groupBy: req.query.groupBy as LeadTimeGrouping | undefined, minCellSize: minCellSize(req, scope),
    });
    return reportResponse(req, report.body, () => report.csv(), `${name}-${mod.id}-${window ? `${window.from}-${window.to}` : today(scope)}`);
  },
}));
