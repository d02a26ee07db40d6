import { readFile } from 'node:fs/promises';
import {
  OrganisationStore, applyImport, catalogueFormatOf, describeAction, planImport, readCatalogue, type CatalogueFormat,
} from '@ketenhuis/core';
import { helpText, parseCommand, required, type CommandSpec } from '../args';
import { CliError } from '../cli-error';
import { openOperatorSession, type CommandContext } from '../context';
import { findTenant, inTenant, operatorAudit } from '../operator';

const importSpec = {
  usage: 'ketenhuis partners import <file> --tenant <slug> [--dry-run] [--format yaml|csv]',
  summary: "Imports a district's catalogue of partner organisations (YAML or CSV, see docs/partners-import.md): creates what is new, updates what changed, by KBO number, police zone code or type and name. Every row is checked first; one invalid row and nothing is written.",
  options: { tenant: { type: 'string' }, 'dry-run': { type: 'boolean' }, format: { type: 'string' } },
  help: {
    tenant: 'slug of the tenant (district) the organisations belong to',
    'dry-run': 'print what would change (+ create, ~ update, = unchanged) and write nothing',
    format: 'yaml or csv (default: from the file extension)',
  },
  positionals: 2,
} satisfies CommandSpec<Record<string, { type: 'string' } | { type: 'boolean' }>>;

const usage = `Usage: ketenhuis partners <import> ...\n\n${helpText(importSpec)}`;

/** Rows between two progress lines when stderr is not a terminal (a log file, CI). */
export const PROGRESS_EVERY = 100;

export async function partnersCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const [sub] = argv;
  if (sub === 'import') return importCatalogue(argv.slice(1), ctx);
  if (!sub || sub === '--help' || sub === '-h') return ctx.out(usage), sub ? 0 : 2;
  throw new CliError(`unknown partners command "${sub}"\n\n${usage}`);
}

async function importCatalogue(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(importSpec, argv);
  if (values.help) return ctx.out(helpText(importSpec)), 0;
  const file = positionals[0];
  if (!file) throw new CliError(`missing <file>\n\nUsage: ${importSpec.usage}`);
  const slug = required(values.tenant, 'tenant', importSpec);
  const format = formatOf(file, values.format);
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, 1);
  });
  const catalogue = readCatalogue(text, format);
  if (catalogue.errors.length) return refuse(ctx, catalogue.errors, `${file} cannot be read as ${format.toUpperCase()}`);

  const dryRun = values['dry-run'] === true;
  const session = await openOperatorSession(ctx);
  try {
    const tenant = await findTenant(session, slug);
    return await inTenant(session, tenant, { readOnly: dryRun }, async (db) => {
      const plan = planImport(catalogue.rows, await new OrganisationStore(db, tenant.id).all());
      if (plan.errors.length) return refuse(ctx, plan.errors, `${plan.errors.length} problem(s) in ${file}`);
      for (const action of plan.actions) describeAction(action).forEach((line) => ctx.out(line));
      const count = (kind: string) => plan.actions.filter((a) => a.kind === kind).length;
      const summary = `${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged`;
      if (dryRun) {
        ctx.log(`${summary} (dry run: nothing written)`);
        return 0;
      }
      const writes = plan.actions.filter((a) => a.kind !== 'unchanged');
      await applyImport(db, tenant.id, writes, operatorAudit(), progressReporter(ctx));
      ctx.log(`imported into ${tenant.slug}: ${summary.replace('to create', 'created').replace('to update', 'updated')}`);
      return 0;
    });
  } finally {
    await session.close();
  }
}

function formatOf(file: string, given: string | undefined): CatalogueFormat {
  if (given !== undefined) {
    if (given !== 'yaml' && given !== 'csv') throw new CliError(`--format: expected yaml or csv, got "${given}"`);
    return given;
  }
  const format = catalogueFormatOf(file);
  if (!format) throw new CliError(`cannot tell the format of ${file} from its extension: name it .yaml, .yml or .csv, or pass --format`);
  return format;
}

function refuse(ctx: CommandContext, errors: string[], headline: string): number {
  for (const e of errors) ctx.log(e);
  ctx.log(`${headline}: nothing was imported`);
  return 1;
}

/** A bar redrawn in place on a terminal; elsewhere a plain line every PROGRESS_EVERY rows. */
function progressReporter(ctx: CommandContext): (done: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  return (done, total) => {
    if (tty) {
      // Redrawn about a hundred times in all, however long the file.
      if (done !== total && done % Math.max(1, Math.floor(total / 100)) !== 0) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} rows${done === total ? '\n' : ''}`);
    } else if (done % PROGRESS_EVERY === 0 || (done === total && total >= PROGRESS_EVERY)) {
      ctx.log(`progress: ${done}/${total} rows written`);
    }
  };
}
