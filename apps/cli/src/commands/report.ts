import { writeFile } from 'node:fs/promises';
import {
  ProblemError, REPORT_CATALOGUE, REPORT_NAMES, minCellSizeOf, reportWindowOf, reportedChain, writeAuditRecord, type ReportName, type ReportQuery,
} from '@ketenhuis/core';
import { helpText, parseCommand, required, type CommandSpec } from '../args';
import { CliError } from '../cli-error';
import { openOperatorSession, type CommandContext } from '../context';
import { findTenant, inTenant, operatorAudit } from '../operator';

const exportSpec = {
  usage: `ketenhuis report export --tenant <slug> --chain <id> --report <${REPORT_NAMES.join('|')}> [--from <YYYY-MM-DD> --to <YYYY-MM-DD>] [--period <p>] [--group-by police-zone] [--min-cell-size <n>] [--format csv|json] [--out <file>]`,
  summary: 'Exports a report of one chain of a tenant, as the API computes it (see docs/reports.md); CSV on stdout unless --out names a file. Audited with purpose statistics.',
  options: {
    tenant: { type: 'string' },
    chain: { type: 'string' },
    report: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    period: { type: 'string' },
    'group-by': { type: 'string' },
    'min-cell-size': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
  help: {
    tenant: 'slug of the tenant (judicial district)',
    chain: 'id of the chain module, e.g. m',
    report: REPORT_NAMES.join(', '),
    from: 'first day of the window, Belgian time (lead-times, deadline-compliance)',
    to: 'last day of the window, included',
    period: 'week, month (default), quarter or year',
    'group-by': 'lead-times only: police-zone (zone of the first PV)',
    'min-cell-size': 'withhold counts below it (at least KETENHUIS_REPORT_MIN_CELL); use 5 or more for the ministry',
    format: 'csv (default) or json',
    out: 'write to this file instead of stdout',
  },
} satisfies CommandSpec<Record<string, { type: 'string' }>>;

const usage = `Usage: ketenhuis report <export> ...\n\n${helpText(exportSpec)}`;

export async function reportCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const [sub] = argv;
  if (sub === 'export') return exportReport(argv.slice(1), ctx);
  if (!sub || sub === '--help' || sub === '-h') return ctx.out(usage), sub ? 0 : 2;
  throw new CliError(`unknown report command "${sub}"\n\n${usage}`);
}

/** A refusal of the shared report code, named by the option that carried the value. */
function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ProblemError && err.errors?.[0]) throw new CliError(`${err.errors[0].field}: ${err.errors[0].message}`);
    throw err;
  }
}

async function exportReport(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(exportSpec, argv);
  if (values.help) return ctx.out(helpText(exportSpec)), 0;
  const slug = required(values.tenant, 'tenant', exportSpec);
  const chain = required(values.chain, 'chain', exportSpec);
  const name = required(values.report, 'report', exportSpec) as ReportName;
  if (!REPORT_NAMES.includes(name)) throw new CliError(`--report: must be one of ${REPORT_NAMES.join(', ')}`);
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new CliError('--format: must be csv or json');
  const groupBy = values['group-by'];
  if (groupBy !== undefined && (groupBy !== 'police-zone' || name !== 'lead-times')) throw new CliError('--group-by: only police-zone, and only for lead-times');
  // Checked before anything is opened: a typo costs no database connection.
  const kind = REPORT_CATALOGUE[name];
  const window = kind.windowed ? asUsage(() => reportWindowOf(values, '--')) : undefined;

  const session = await openOperatorSession(ctx);
  try {
    const tenant = await findTenant(session, slug);
    const minCellSize = asUsage(() => minCellSizeOf(values['min-cell-size'], session.runtime.config.reportMinCellSize, '--min-cell-size'));
    const audit = operatorAudit();
    const text = await inTenant(session, tenant, {}, async (db) => {
      const query: ReportQuery = (sql, params) => db.query(sql, params);
      const mod = await reportedChain(query, session.registry, chain).catch((err) => {
        if (err instanceof ProblemError && err.status === 404) throw new CliError(`--chain: no chain "${chain}" enabled in ${slug}`, 1);
        throw err;
      });
      const report = await kind.compute(query, mod, { window, groupBy: groupBy ? 'policeZone' : undefined, minCellSize });
      // Committed with the reading: an export nobody recorded must not exist.
      await writeAuditRecord(db, tenant.id, {
        ...audit, action: `report.${name}`, objectType: 'report', objectId: mod.id, result: 'allowed', purpose: 'statistics', changedFields: [],
      });
      return format === 'json' ? `${JSON.stringify(report.body, null, 2)}\n` : report.csv();
    });
    if (values.out) {
      await writeFile(values.out, text);
      ctx.log(`wrote ${name} of ${chain} in ${slug} to ${values.out}`);
    } else {
      // Both formats end with a line break; out() adds it back.
      ctx.out(text.slice(0, -1));
    }
    return 0;
  } finally {
    await session.close();
  }
}
